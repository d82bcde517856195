#!/usr/bin/env bash
# The GitHub Action's one shell step (action.yml), kept as a file so a test can run it with the
# environment a runner gives. Inputs arrive as WHFB_* variables; nothing from the checked-out
# repository is executed: whfb-lint only reads the policy files (and .whfbrc.json, JSON data).
#
#   WHFB_PATHS          files, directories or globs: one a line (a single line is split at spaces)
#   WHFB_FORMAT         github (annotations, default) | text | json | sarif | junit
#   WHFB_MAX_WARNINGS   fail when there are more warnings than this (empty: warnings never fail)
#   WHFB_CONFIG         a configuration file (empty: .whfbrc.json / whfb.config.json found per file)
#   WHFB_SARIF          true: also write SARIF to WHFB_SARIF_FILE (the action uploads it)
#   WHFB_SARIF_FILE     default whfb-lint.sarif
#   WHFB_TARBALL        a packed whfb-lint tarball to run instead of the registry's package
#   WHFB_VERSION        the registry version to run (empty: the action's own version)
#   WHFB_CLI            a whfb-lint script to run with node (a checked-out build, e.g. dist/cli.js)
# Exit status: whfb-lint's (0 clean, 1 findings, 2 usage error or unreadable file).
set -uo pipefail
set -f # globs go to whfb-lint unexpanded: it walks them itself

fail_usage() { echo "::error title=whfb-lint action::$1"; exit 2; }

paths_input="${WHFB_PATHS:-.}"
paths=()
if [[ "$paths_input" == *$'\n'* ]]; then
  while IFS= read -r line; do
    line="${line#"${line%%[![:space:]]*}"}"; line="${line%"${line##*[![:space:]]}"}"
    [[ -n "$line" ]] && paths+=("$line")
  done <<< "$paths_input"
else
  read -r -a paths <<< "$paths_input"
fi
[[ ${#paths[@]} -gt 0 ]] || paths=(.)

format="${WHFB_FORMAT:-github}"
case "$format" in github|text|json|sarif|junit) ;; *) fail_usage "format must be github, text, json, sarif or junit, not \"$format\"" ;; esac

options=()
max_warnings="${WHFB_MAX_WARNINGS:-}"
if [[ -n "$max_warnings" && "$max_warnings" != "-1" ]]; then
  [[ "$max_warnings" =~ ^[0-9]+$ ]] || fail_usage "max-warnings must be a whole number >= 0, not \"$max_warnings\""
  options+=(--max-warnings "$max_warnings")
fi
[[ -n "${WHFB_CONFIG:-}" ]] && options+=(--config "$WHFB_CONFIG")

# Which whfb-lint: a build on disk, a packed tarball, or the registry's package at a fixed version.
if [[ -n "${WHFB_CLI:-}" ]]; then
  lint=(node "$WHFB_CLI")
elif [[ -n "${WHFB_TARBALL:-}" ]]; then
  [[ -f "$WHFB_TARBALL" ]] || fail_usage "tarball not found: $WHFB_TARBALL"
  lint=(npx --yes --package "$(cd "$(dirname "$WHFB_TARBALL")" && pwd)/$(basename "$WHFB_TARBALL")" -- whfb-lint)
else
  version="${WHFB_VERSION:-}"
  if [[ -z "$version" && -n "${GITHUB_ACTION_PATH:-}" && -f "$GITHUB_ACTION_PATH/package.json" ]]; then
    version="$(node -p 'require(process.argv[1]).version' "$GITHUB_ACTION_PATH/package.json" 2>/dev/null || true)"
  fi
  [[ "${version:-latest}" =~ ^[0-9A-Za-z.+-]+$ ]] || fail_usage "version must be a version or tag, not \"$version\""
  lint=(npx --yes "whfb-lint@${version:-latest}")
fi

"${lint[@]}" --format "$format" "${options[@]}" -- "${paths[@]}"
status=$?

if [[ "${WHFB_SARIF:-false}" == "true" ]]; then
  sarif_file="${WHFB_SARIF_FILE:-whfb-lint.sarif}"
  # A second run for the upload: the first one's output went to the log (or annotations).
  "${lint[@]}" --format sarif "${options[@]}" -- "${paths[@]}" > "$sarif_file"
  sarif_status=$?
  if [[ $sarif_status -eq 2 && ! -s "$sarif_file" ]]; then
    echo "::error title=whfb-lint action::could not write SARIF to $sarif_file"
    status=2
  fi
  [[ -n "${GITHUB_OUTPUT:-}" ]] && echo "sarif-file=$sarif_file" >> "$GITHUB_OUTPUT"
fi
[[ -n "${GITHUB_OUTPUT:-}" ]] && echo "exit-code=$status" >> "$GITHUB_OUTPUT"
exit "$status"
