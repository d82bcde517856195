/** The server's custom messages are defined once, in the protocol module the client imports too. */
export * from '../../../shared/protocol';
