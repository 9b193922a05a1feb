//! Generates `core/src/schema/generated.rs` from k8s-openapi.
