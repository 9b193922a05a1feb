//! The whole check of a text: parse, decode, default, validate; diagnostics with kubectl messages.
