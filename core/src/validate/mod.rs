//! Semantic validation at API-server fidelity: `pkg/apis/core/validation/validation.go`, rule by rule.
