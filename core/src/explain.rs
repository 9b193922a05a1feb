//! `kubectl explain` from the schema, and the lookups behind hover and completion in the editor.
