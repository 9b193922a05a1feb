//! A span-aware YAML 1.1 reader that resolves scalars the way kubectl (sigs.k8s.io/yaml, go-yaml v2) does.
