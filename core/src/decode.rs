//! Strict decoding of a document tree against the schema: unknown and duplicate fields, JSON type errors, quantities.
