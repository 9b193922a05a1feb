//! Defaulting as the API server applies it before validating (`pkg/apis/core/v1/defaults.go`).
