//! Resource quantities (`250m`, `64Mi`, `1e3`) as `k8s.io/apimachinery/pkg/api/resource` parses and prints them.
