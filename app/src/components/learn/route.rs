//! Where the Learn section is: the course map or a step of a lesson, as the URL fragment says it
//! (`#learn`, `#learn/<lesson>/<step>`). Share links (`#s=…`) are not routes and pass through.

use podplay_core::lessons;

/// A place in the Learn section. Steps count from 1, as the address shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// The course map.
    Map,
    Lesson {
        lesson: &'static str,
        step: usize,
    },
}

/// The route a fragment names, if it is one of the Learn section's. An unknown lesson opens the
/// course map; a missing or bad step opens the first.
pub fn parse(fragment: &str) -> Option<Route> {
    let rest = fragment.strip_prefix('#').unwrap_or(fragment);
    let rest = rest.strip_prefix("learn")?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    let mut parts = rest.split('/').filter(|p| !p.is_empty());
    let Some(id) = parts.next() else {
        return Some(Route::Map);
    };
    let Some(lesson) = lessons::lesson(id) else {
        return Some(Route::Map);
    };
    let step = parts
        .next()
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|s| *s >= 1 && *s <= 100)
        .unwrap_or(1);
    Some(Route::Lesson {
        lesson: lesson.id,
        step,
    })
}

/// The fragment of a route (with its `#`).
pub fn fragment(route: Route) -> String {
    match route {
        Route::Map => "#learn".to_string(),
        Route::Lesson { lesson, step } => format!("#learn/{lesson}/{step}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn fragments_and_routes_round_trip() {
        assert_eq!(parse("#learn"), Some(Route::Map));
        assert_eq!(parse("#learn/"), Some(Route::Map));
        assert_eq!(
            parse("#learn/pause/3"),
            Some(Route::Lesson {
                lesson: "pause",
                step: 3
            })
        );
        assert_eq!(
            parse("#learn/pause"),
            Some(Route::Lesson {
                lesson: "pause",
                step: 1
            })
        );
        assert_eq!(
            parse("#learn/pause/0"),
            Some(Route::Lesson {
                lesson: "pause",
                step: 1
            })
        );
        assert_eq!(
            parse("#learn/pause/x"),
            Some(Route::Lesson {
                lesson: "pause",
                step: 1
            })
        );
        assert_eq!(parse("#learn/nope/2"), Some(Route::Map));
        assert_eq!(parse("#learning"), None);
        assert_eq!(parse("#s=abc"), None);
        assert_eq!(parse(""), None);
        for r in [
            Route::Map,
            Route::Lesson {
                lesson: "probes",
                step: 2,
            },
        ] {
            assert_eq!(parse(&fragment(r)), Some(r));
        }
    }
}
