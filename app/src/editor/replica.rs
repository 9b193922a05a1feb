//! The editor before its first use: a static replica of CodeMirror's view, so that the first load
//! neither downloads nor runs the editor bundle (issue 15). It has the view's DOM, classes and
//! metrics, so nothing moves when the real view replaces it:
//! - when the text is the one the prerendered first screen shows (the default example), it *is*
//!   that screen's editor, kept by [`keep_prerendered`] when the app takes over the page
//!   (CodeMirror's own DOM, highlighting and marks included: the marks are the analysis of that
//!   text, the one the Problems panel shows);
//! - otherwise it is drawn from the text: the gutter with the line numbers, the lines with their
//!   indentation guides, the first line active as in a fresh view; no highlighting and no marks
//!   (the Problems panel lists the problems).
//!
//! It is focusable (tabindex 0, role textbox, aria-multiline, the editor's name and description)
//! and reports its first use ([`Use`]): a press, a touch, the focus, a key, a paste, or the mouse
//! over it.

use std::cell::RefCell;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;

use super::bridge::Typed;

/// What the replica's element carries, so tests and styles can tell it from the real view.
pub const MARK: &str = "data-replica";

thread_local! {
    static PRERENDERED: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
}

/// Keeps the prerendered editor of the first screen in `root` (index.html's `#app`) before the
/// app replaces the screen.
pub fn keep_prerendered(root: &web_sys::Element) {
    let found = root.query_selector("#editor .cm-editor").ok().flatten();
    PRERENDERED.with(|p| *p.borrow_mut() = found);
}

/// The kept prerendered editor, if it shows `text` (taken: it is shown once).
fn take_prerendered(text: &str) -> Option<web_sys::Element> {
    let el = PRERENDERED.with(|p| p.borrow_mut().take())?;
    let lines = el.query_selector_all(".cm-line").ok()?;
    let shown: Vec<String> = (0..lines.length())
        .filter_map(|i| lines.item(i)?.text_content())
        .collect();
    (shown.join("\n") == text).then_some(el)
}

/// How the replica was first used.
#[derive(Clone, Debug, PartialEq)]
pub enum Use {
    /// A press (mouse, pen or touch) at these client coordinates.
    Press(f64, f64),
    /// The keyboard focus came in (Tab, a screen reader).
    Focus,
    /// A key was pressed or text pasted (kept to be replayed in the real view).
    Typed(Typed),
    /// The mouse moved over it (hover cards should come quickly).
    Hover,
}

/// The replica shown in an element.
pub struct Replica {
    root: web_sys::Element,
    _listeners: Vec<EventListener>,
}

fn el(doc: &web_sys::Document, tag: &str, class: &str) -> Option<web_sys::Element> {
    let e = doc.create_element(tag).ok()?;
    e.set_class_name(class);
    Some(e)
}

const SPACER: &str = "height: 0px; visibility: hidden; pointer-events: none;";

/// CodeMirror's line-number spacer: the widest number of a text of `lines` lines, as nines.
fn spacer_number(lines: usize) -> String {
    let mut last = 9usize;
    while last < lines {
        last = last.saturating_mul(10).saturating_add(9);
    }
    last.to_string()
}

/// The leading spaces that get an indentation guide (app/js/src/editor.js `guides`): at least
/// two, on a line with something after them.
fn guide_len(line: &str) -> usize {
    let n = line.bytes().take_while(|b| *b == b' ').count();
    if n >= 2 && n < line.len() {
        n
    } else {
        0
    }
}

/// The editor's classes in the built page: those of the prerendered editor, which its copied
/// styles (`<style id="prerender-css">`, CodeMirror's generated theme classes) select.
fn editor_class() -> String {
    let doc = web_sys::window().and_then(|w| w.document());
    doc.and_then(|d| d.get_element_by_id("prerender-css"))
        .and_then(|s| s.get_attribute("data-editor-class"))
        .unwrap_or_else(|| "cm-editor".to_string())
}

/// Draws the replica of a fresh view of `text` (see the module's doc).
fn draw(text: &str) -> Option<web_sys::Element> {
    let doc = web_sys::window()?.document()?;
    let root = el(&doc, "div", &editor_class())?;
    let scroller = el(&doc, "div", "cm-scroller")?;
    let _ = scroller.set_attribute("tabindex", "-1");
    let gutters = el(&doc, "div", "cm-gutters cm-gutters-before")?;
    let _ = gutters.set_attribute("aria-hidden", "true");
    let _ = gutters.set_attribute("style", "position: sticky;");
    let numbers = el(&doc, "div", "cm-gutter cm-lineNumbers")?;
    let diag = el(&doc, "div", "cm-gutter cm-diag-gutter")?;
    let content = el(&doc, "div", "cm-content")?;
    let _ = content.set_attribute("style", "tab-size: 2;");
    let lines: Vec<&str> = text.split('\n').collect();
    let spacer = el(&doc, "div", "cm-gutterElement")?;
    let _ = spacer.set_attribute("style", SPACER);
    spacer.set_text_content(Some(&spacer_number(lines.len())));
    numbers.append_child(&spacer).ok()?;
    let spacer = el(&doc, "div", "cm-gutterElement")?;
    let _ = spacer.set_attribute("style", SPACER);
    let dot = doc.create_element("span").ok()?;
    dot.set_text_content(Some("●"));
    spacer.append_child(&dot).ok()?;
    diag.append_child(&spacer).ok()?;
    for (i, line) in lines.iter().enumerate() {
        let active = if i == 0 { " cm-activeLine" } else { "" };
        let number = el(
            &doc,
            "div",
            &format!("cm-gutterElement{}", active.replace("Line", "LineGutter")),
        )?;
        number.set_text_content(Some(&(i + 1).to_string()));
        numbers.append_child(&number).ok()?;
        let row = el(&doc, "div", &format!("cm-line{active}"))?;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let guide = guide_len(line);
        if line.is_empty() {
            let br = doc.create_element("br").ok()?;
            row.append_child(&br).ok()?;
        } else if guide > 0 {
            let g = el(&doc, "span", "cm-indent-guide")?;
            g.set_text_content(line.get(..guide));
            row.append_child(&g).ok()?;
            row.append_child(&doc.create_text_node(line.get(guide..).unwrap_or_default()))
                .ok()?;
        } else {
            row.set_text_content(Some(line));
        }
        content.append_child(&row).ok()?;
    }
    let active = el(&doc, "div", "cm-gutterElement cm-activeLineGutter")?;
    diag.append_child(&active).ok()?;
    gutters.append_child(&numbers).ok()?;
    gutters.append_child(&diag).ok()?;
    scroller.append_child(&gutters).ok()?;
    scroller.append_child(&content).ok()?;
    root.append_child(&scroller).ok()?;
    Some(root)
}

/// CodeMirror sizes its gutter elements to the lines they stand beside, and the gutters to the
/// content: the drawn replica does the same once it is in the page.
fn fit_gutters(root: &web_sys::Element) -> Option<()> {
    let window = web_sys::window()?;
    let content = root.query_selector(".cm-content").ok()??;
    let top = window
        .get_computed_style(&content)
        .ok()??
        .get_property_value("padding-top")
        .ok()?;
    let first = root.query_selector(".cm-line").ok()??;
    let height = first.get_bounding_client_rect().height();
    let gutters = root.query_selector(".cm-gutters").ok()??;
    let _ = gutters.set_attribute(
        "style",
        &format!(
            "min-height: {}px; position: sticky;",
            content.get_bounding_client_rect().height()
        ),
    );
    let list = root
        .query_selector_all(".cm-gutter .cm-gutterElement:nth-child(n+2)")
        .ok()?;
    for i in 0..list.length() {
        let Some(e) = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let first_row = e
            .previous_element_sibling()
            .and_then(|p| p.previous_element_sibling())
            .is_none();
        let style = if first_row {
            format!("height: {height}px; margin-top: {top};")
        } else {
            format!("height: {height}px;")
        };
        let _ = e.set_attribute("style", &style);
    }
    Some(())
}

fn typed(e: &web_sys::KeyboardEvent) -> Option<Typed> {
    let key = e.key();
    if matches!(
        key.as_str(),
        "Shift" | "Control" | "Alt" | "Meta" | "CapsLock" | "Dead" | "Unidentified" | "Process"
    ) || e.is_composing()
    {
        return None;
    }
    let modifiers = [
        (e.ctrl_key(), 'c'),
        (e.shift_key(), 's'),
        (e.alt_key(), 'a'),
        (e.meta_key(), 'm'),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, c)| *c)
    .collect();
    Some(Typed { modifiers, key })
}

impl Replica {
    /// Shows the replica of a view of `text` in `host` (an empty element), named `label`;
    /// `on_use` hears every use (the first one loads the real editor; the keys typed until it
    /// is there are kept).
    pub fn show(
        host: &web_sys::Element,
        text: &str,
        label: &str,
        on_use: impl Fn(Use) + 'static,
    ) -> Option<Replica> {
        let (root, drawn) = match take_prerendered(text) {
            Some(r) => (r, false),
            None => (draw(text)?, true),
        };
        let _ = root.set_attribute(MARK, "");
        host.append_child(&root).ok()?;
        if drawn {
            fit_gutters(&root);
        }
        let content = root.query_selector(".cm-content").ok()??;
        for (name, value) in [
            ("tabindex", "0"),
            ("role", "textbox"),
            ("aria-multiline", "true"),
            ("aria-describedby", "source-hint"),
            ("spellcheck", "false"),
        ] {
            let _ = content.set_attribute(name, value);
        }
        let _ = content.remove_attribute("aria-autocomplete");
        let on_use = std::rc::Rc::new(on_use);
        let mut listeners = Vec::new();
        let on =
            |target: &web_sys::Element, name: &'static str, f: Box<dyn Fn(&web_sys::Event)>| {
                EventListener::new_with_options(
                    target,
                    name,
                    EventListenerOptions::enable_prevent_default(),
                    move |e| f(e),
                )
            };
        {
            let u = on_use.clone();
            listeners.push(on(
                &root,
                "pointerdown",
                Box::new(move |e| {
                    if let Some(p) = e.dyn_ref::<web_sys::MouseEvent>() {
                        u(Use::Press(f64::from(p.client_x()), f64::from(p.client_y())));
                    }
                }),
            ));
        }
        {
            let u = on_use.clone();
            listeners.push(on(
                &root,
                "pointerover",
                Box::new(move |e| {
                    let mouse = e
                        .dyn_ref::<web_sys::PointerEvent>()
                        .is_some_and(|p| p.pointer_type() == "mouse");
                    if mouse {
                        u(Use::Hover);
                    }
                }),
            ));
        }
        {
            let u = on_use.clone();
            listeners.push(on(&content, "focus", Box::new(move |_| u(Use::Focus))));
        }
        {
            let u = on_use.clone();
            // Escape then Tab leaves the editor, as in the view (where Tab alone indents).
            let escaped = std::cell::Cell::new(false);
            listeners.push(on(
                &content,
                "keydown",
                Box::new(move |e| {
                    let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    let key = k.key();
                    if key == "Escape" || (key == "Tab" && escaped.get()) {
                        escaped.set(key == "Escape");
                        return;
                    }
                    if let Some(t) = typed(k) {
                        escaped.set(false);
                        // The real view does what the key means once it is there.
                        e.prevent_default();
                        u(Use::Typed(t));
                    }
                }),
            ));
        }
        {
            let u = on_use.clone();
            listeners.push(on(
                &content,
                "paste",
                Box::new(move |e| {
                    let text = e
                        .dyn_ref::<web_sys::ClipboardEvent>()
                        .and_then(|c| c.clipboard_data())
                        .and_then(|d| d.get_data("text/plain").ok())
                        .unwrap_or_default();
                    e.prevent_default();
                    if !text.is_empty() {
                        u(Use::Typed(Typed {
                            modifiers: "p".to_string(),
                            key: text,
                        }));
                    }
                }),
            ));
        }
        let replica = Replica {
            root,
            _listeners: listeners,
        };
        replica.set_label(label);
        Some(replica)
    }

    /// Names the replica (the editor's accessible name, in the page's language).
    pub fn set_label(&self, label: &str) {
        if let Ok(Some(c)) = self.root.query_selector(".cm-content") {
            let _ = c.set_attribute("aria-label", label);
        }
    }

    /// Moves the keyboard focus into it.
    pub fn focus(&self) {
        let content = self.root.query_selector(".cm-content").ok().flatten();
        if let Some(c) = content.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = c.focus();
        }
    }

    /// Its scroll offsets (top, left).
    pub fn scroll(&self) -> (f64, f64) {
        self.root
            .query_selector(".cm-scroller")
            .ok()
            .flatten()
            .map_or((0.0, 0.0), |s| {
                (f64::from(s.scroll_top()), f64::from(s.scroll_left()))
            })
    }

    /// Whether it holds the keyboard focus.
    pub fn has_focus(&self) -> bool {
        let active = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        active.is_some_and(|a| self.root.contains(Some(&a)))
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.root.remove();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spacer_is_codemirrors_widest_number() {
        assert_eq!(spacer_number(1), "9");
        assert_eq!(spacer_number(9), "9");
        assert_eq!(spacer_number(14), "99");
        assert_eq!(spacer_number(100), "999");
    }

    #[test]
    fn guides_mark_leading_spaces_of_two_or_more_before_text() {
        assert_eq!(guide_len("  name: a"), 2);
        assert_eq!(guide_len("    - x"), 4);
        assert_eq!(guide_len(" a"), 0);
        assert_eq!(guide_len("    "), 0, "a blank line has no guide");
        assert_eq!(guide_len("a"), 0);
    }
}
