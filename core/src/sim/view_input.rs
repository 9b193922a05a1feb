//! What the play area plays: the [`World`] built from a checked text the way `kubectl create -f`
//! would submit it, or why there is nothing to play (kubectl or the API server refuses the Pod,
//! there is no Pod, there are several).
//!
//! `kubectl create -f` reads the stream one document at a time and sends each object as soon as it
//! is read: a YAML syntax error stops it there (objects before it were created, the broken one and
//! every later one were not), and an object the API server refuses (decoding or validation error)
//! is left out while the others are created.

use crate::analyze::{Analysis, DocAnalysis};
use crate::diag::{Diagnostic, Severity, Stage};
use crate::sim::world::{World, WorldError};
use crate::tree::Node;

/// Who refused the Pod.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefusedBy {
    /// kubectl could not read the YAML: nothing was sent.
    Kubectl,
    /// The API server could not decode the object (HTTP 400 BadRequest).
    Decoding,
    /// The API server's validation refused the object (HTTP 422 Invalid).
    Validation,
}

/// The Pod was not created.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejection {
    pub by: RefusedBy,
    /// The Pod's name, when it has one.
    pub pod: Option<String>,
    /// The document (0-based) whose problem stopped it.
    pub document: usize,
    /// What kubectl prints (`The Pod "x" is invalid: …`; several validation errors as `* ` lines).
    pub message: String,
}

/// An object of the input that was not created (refused by the API server, or never sent because
/// kubectl stopped at a syntax error before it).
#[derive(Clone, Debug, PartialEq)]
pub struct LeftOut {
    pub document: usize,
    pub kind: String,
    pub name: String,
    /// kubectl's or the API server's message as they print it (the same in both languages), or
    /// the playground's own words for a document never sent.
    pub message: crate::diag::Text,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PlayInput {
    /// The Pod is created: play it.
    Play {
        world: Box<World>,
        left_out: Vec<LeftOut>,
    },
    Rejected(Rejection),
    /// No Pod, or several Pods.
    Nothing(WorldError),
}

fn errors(d: &DocAnalysis) -> impl Iterator<Item = &Diagnostic> {
    d.diagnostics
        .iter()
        .filter(|x| x.severity == Severity::Error)
}

/// kubectl's message for a refused document: the syntax error, the decoding error, or the
/// validation errors (one inline, several as `* ` lines under the `… is invalid: ` line, as
/// kubectl's `MultilineError` prints them).
///
/// Simplified: several *decoding* errors are listed one per line (the API server reports them in
/// one `strict decoding error: a, b` message).
pub(crate) fn refusal(d: &DocAnalysis) -> Option<(RefusedBy, String)> {
    let errs: Vec<&Diagnostic> = errors(d).collect();
    let first = errs.first()?;
    let by = match first.stage {
        Stage::Syntax => RefusedBy::Kubectl,
        Stage::Decode => RefusedBy::Decoding,
        _ => RefusedBy::Validation,
    };
    if let Some(syntax) = errs.iter().find(|e| e.stage == Stage::Syntax) {
        return Some((RefusedBy::Kubectl, d.kubectl_message(syntax)));
    }
    let validation: Vec<&&Diagnostic> =
        errs.iter().filter(|e| e.stage == Stage::Validate).collect();
    let message = if by == RefusedBy::Validation && validation.len() > 1 {
        let kind = d.kind.as_deref().unwrap_or("Object");
        let name = d.name.as_deref().unwrap_or("");
        let mut m = format!("The {kind} {} is invalid: ", crate::diag::go_quote(name));
        for e in validation {
            m.push_str("\n* ");
            m.push_str(&e.field_error());
        }
        m
    } else {
        errs.iter()
            .filter(|e| e.stage == first.stage)
            .map(|e| d.kubectl_message(e))
            .collect::<Vec<_>>()
            .join("\n")
    };
    Some((by, message))
}

/// The object a document submits: what the API server stores (defaulted) for the kinds the
/// playground models, else the decoded object (the world lists it as ignored).
pub(crate) fn submitted(d: &DocAnalysis) -> Option<&Node> {
    d.defaulted.as_ref().or(d.object.as_ref())
}

/// What `kubectl create -f` of this text would create, as the simulation's input.
pub fn play_input(a: &Analysis) -> PlayInput {
    let mut objects: Vec<&Node> = Vec::new();
    let mut left_out = Vec::new();
    let mut pod_seen = false;
    let mut stopped: Option<(usize, String)> = None;
    for d in a.documents.iter().filter(|d| !d.empty) {
        let is_pod = d.kind.as_deref() == Some("Pod");
        if let Some((doc, _)) = &stopped {
            if d.index > *doc {
                left_out.push(left(
                    d,
                    crate::diag::Text::new(
                        "not sent: kubectl stopped at an earlier syntax error",
                        "未发送：kubectl 在前面的语法错误处已经停止",
                    ),
                ));
                continue;
            }
        }
        match refusal(d) {
            Some((by, message)) => {
                if by == RefusedBy::Kubectl {
                    stopped = Some((d.index, message.clone()));
                }
                if is_pod && !pod_seen {
                    return PlayInput::Rejected(Rejection {
                        by,
                        pod: d.name.clone(),
                        document: d.index,
                        message,
                    });
                }
                left_out.push(left(d, crate::diag::Text::same(message.as_str())));
            }
            None => {
                pod_seen |= is_pod;
                if let Some(obj) = submitted(d) {
                    objects.push(obj);
                }
            }
        }
    }
    match World::from_trees(objects) {
        Ok(world) => PlayInput::Play {
            world: Box::new(world),
            left_out,
        },
        Err(WorldError::NoPod) => match stopped {
            // No Pod was read before kubectl stopped: the syntax error is why nothing runs.
            Some((document, message)) => PlayInput::Rejected(Rejection {
                by: RefusedBy::Kubectl,
                pod: None,
                document,
                message,
            }),
            None => PlayInput::Nothing(WorldError::NoPod),
        },
        Err(e) => PlayInput::Nothing(e),
    }
}

fn left(d: &DocAnalysis, message: crate::diag::Text) -> LeftOut {
    LeftOut {
        document: d.index,
        kind: d.kind.clone().unwrap_or_default(),
        name: d.name.clone().unwrap_or_default(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use crate::analyze::analyze;

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: busybox\n";

    fn input(src: &str) -> PlayInput {
        play_input(&analyze(src))
    }

    #[test]
    fn a_valid_pod_plays_with_its_defaults() {
        let PlayInput::Play { world, left_out } = input(POD) else {
            panic!("plays")
        };
        assert!(left_out.is_empty());
        assert_eq!(world.pod.meta.name, "web");
        assert_eq!(world.pod.containers.len(), 1);
        assert!(world.default_nodes);
    }

    #[test]
    fn validation_errors_reject_the_pod_with_kubectls_message() {
        let one = POD.replace("name: app", "name: App");
        let PlayInput::Rejected(r) = input(&one) else {
            panic!("rejected")
        };
        assert_eq!(r.by, RefusedBy::Validation);
        assert_eq!(r.pod.as_deref(), Some("web"));
        assert!(
            r.message.starts_with(
                "The Pod \"web\" is invalid: spec.containers[0].name: Invalid value: \"App\""
            ),
            "{}",
            r.message
        );
        let two = one.replace(
            "image: busybox",
            "image: busybox\n  - name: App\n    image: x",
        );
        let PlayInput::Rejected(r) = input(&two) else {
            panic!("rejected")
        };
        let lines: Vec<&str> = r.message.lines().collect();
        assert_eq!(lines.first(), Some(&"The Pod \"web\" is invalid: "));
        assert!(
            lines.iter().skip(1).all(|l| l.starts_with("* spec.")),
            "{lines:?}"
        );
        assert!(lines.len() >= 3, "{lines:?}");
    }

    #[test]
    fn decoding_and_syntax_errors_say_who_refused() {
        let unknown = POD.replace("image: busybox", "imagee: busybox\n    image: busybox");
        let PlayInput::Rejected(r) = input(&unknown) else {
            panic!("rejected")
        };
        assert_eq!(r.by, RefusedBy::Decoding);
        assert!(r.message.contains("unknown field"), "{}", r.message);
        let broken = POD.replace("image: busybox", "image: [busybox");
        let PlayInput::Rejected(r) = input(&broken) else {
            panic!("rejected")
        };
        assert_eq!(r.by, RefusedBy::Kubectl);
        assert!(
            r.message.starts_with("error converting YAML to JSON"),
            "{}",
            r.message
        );
    }

    #[test]
    fn kubectl_stops_at_a_syntax_error_but_objects_before_it_are_created() {
        let svc =
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n";
        let text = format!("{POD}---\n{svc}---\nkind: [\n");
        let PlayInput::Play { world, left_out } = input(&text) else {
            panic!("plays")
        };
        assert_eq!(world.services.len(), 1);
        assert_eq!(left_out.len(), 1);
        assert_eq!(left_out[0].document, 2);
        // The pod after the syntax error is never sent.
        let after = format!("kind: [\n---\n{POD}");
        let PlayInput::Rejected(r) = input(&after) else {
            panic!("rejected")
        };
        assert_eq!((r.by, r.document), (RefusedBy::Kubectl, 0));
    }

    #[test]
    fn refused_companions_are_left_out_and_pod_counts_are_checked() {
        let bad_svc =
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: S\nspec:\n  ports:\n  - port: 80\n";
        let PlayInput::Play { world, left_out } = input(&format!("{POD}---\n{bad_svc}")) else {
            panic!("plays")
        };
        assert!(world.services.is_empty());
        assert_eq!(left_out.len(), 1);
        assert_eq!(left_out[0].kind, "Service");
        assert!(
            left_out[0].message.en.contains("is invalid"),
            "{:?}",
            left_out
        );
        assert_eq!(input(""), PlayInput::Nothing(WorldError::NoPod));
        let two = format!("{POD}---\n{}", POD.replace("name: web", "name: api"));
        assert_eq!(
            input(&two),
            PlayInput::Nothing(WorldError::SeveralPods(vec!["web".into(), "api".into()]))
        );
    }
}
