//! Uses podplay-core the way the site does; every input goes through `black_box` so that nothing
//! is folded away, and every output is handed to `black_box` so that all of it is computed. With
//! the simulation comes the Learn section's checks (`lessons`), as in the site.
use podplay_core::{analyze, explain, outline, schema::Kind, stored};
use std::collections::BTreeSet;
use std::hint::black_box;

fn main() {
    let src: String = black_box(String::new());
    let a = analyze::analyze(&src);
    black_box(&a);
    for d in &a.documents {
        if let (Some(root), Some(kind)) = (d.root.as_ref(), d.model_kind) {
            black_box(explain::hover(root, kind, black_box(0)));
        }
        for g in &d.diagnostics {
            black_box(a.line_index.line_col(&src, g.span.start));
        }
    }
    black_box(explain::complete(&src, None, black_box(0)));
    let _ = black_box(explain::explain(black_box(&src), black_box(false)));
    let kind = black_box(Kind::Pod);
    let expanded: BTreeSet<String> = black_box(BTreeSet::new());
    black_box(outline::rows(kind, &expanded, black_box("")));
    black_box(outline::description(kind, black_box("")));
    black_box(stored::stored_objects(&a));
    black_box(podplay_core::examples::by_id(black_box("")));
    #[cfg(feature = "sim")]
    sim(&a);
}

#[cfg(feature = "sim")]
fn sim(a: &analyze::Analysis) {
    use podplay_core::sim;
    if let sim::view_input::PlayInput::Play { world, .. } = sim::view_input::play_input(a) {
        let run = sim::simulate(&world, &black_box(sim::Options::default()));
        let t = black_box(run.end());
        black_box(run.state_at(t));
        black_box(sim::printer::describe(&run, &world, t));
        black_box(&run);
    }
    // The Learn section: the course, a lesson text, a task's check.
    use podplay_core::lessons;
    black_box(lessons::lessons());
    let _ = black_box(lessons::content::parse(black_box("")));
    black_box(lessons::check(black_box(""), black_box("")));
    if let Some(t) = lessons::task(black_box("")) {
        black_box(lessons::play_input_for(t, a));
        black_box(lessons::play_options_for(t));
    }
}
