<#
.SYNOPSIS
    Creates the Contoso WHfB custom profile in Intune (rule matrix fixture).
#>
param(
    [Parameter(Mandatory)]
    [string] $TenantId
)

Connect-MgGraph -Scopes 'DeviceManagementConfiguration.ReadWrite.All' -TenantId $TenantId

$omaSettings = @(
    @{
        '@odata.type' = '#microsoft.graph.omaSettingBoolean'
        displayName   = 'Use Windows Hello for Business'
        omaUri        = "./Device/Vendor/MSFT/PassportForWork/$TenantId/Policies/UsePassportForWork"
        value         = $true
    }
    @{
        '@odata.type' = '#microsoft.graph.omaSettingBoolean'
        displayName   = 'Require a TPM'
        omaUri        = "./Device/Vendor/MSFT/PassportForWork/$($TenantId)/Policies/RequireSecurityDevice"
        value         = $true
    }
    @{
        '@odata.type' = '#microsoft.graph.omaSettingInteger'
        displayName   = 'Minimum PIN length'
        omaUri        = "./Device/Vendor/MSFT/PassportForWork/${TenantId}/Policies/PINComplexity/MinimumPINLength"
        value         = 2
    }
)

$body = @{
    '@odata.type' = '#microsoft.graph.windows10CustomConfiguration'
    displayName   = 'Contoso - WHfB - matrix'
    description   = 'Rule matrix fixture'
    omaSettings   = $omaSettings
}
New-MgBetaDeviceManagementDeviceConfiguration -BodyParameter $body
