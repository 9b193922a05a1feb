//! The example manifests the playground offers, each with a one-line description in both languages
//! and the seed note it comes from. The seeds' own manifests are used byte for byte (mistakes
//! included: the validator explains them).

use crate::diag::Text;

pub struct Example {
    /// Stable id (used in URLs and tests).
    pub id: &'static str,
    pub title: &'static str,
    pub description: fn() -> Text,
    pub source: &'static str,
    /// The study note (file under the project's seeds) the manifest comes from, if any.
    pub seed: Option<&'static str>,
}

/// The example loaded on a first visit: the first manifest of the first study note.
pub static DEFAULT: Example = Example {
    id: "hello-pod",
    title: "hello-pod",
    description: || {
        Text::new(
            "The smallest useful Pod: one container listening on port 8080, with labels.",
            "最小的实用 Pod：一个监听 8080 端口的容器，带有标签。",
        )
    },
    source: include_str!("../tests/fixtures/seeds/hello-pod.yaml"),
    seed: Some("000_a73532b916798c3c.txt"),
};
