//! The Kubernetes API schema (generated from k8s-openapi) as static tables: types, fields, descriptions.
