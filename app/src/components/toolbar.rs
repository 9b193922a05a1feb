//! The buttons above the editor: examples, share link, download, upload, the terminal's (given as
//! children), and restoring the text a load replaced.

use podplay_core::diag::Lang;
use web_sys::{File, HtmlInputElement};
use yew::prelude::*;

struct Words {
    group: &'static str,
    examples: &'static str,
    share: &'static str,
    share_hint: &'static str,
    download: &'static str,
    download_hint: &'static str,
    upload: &'static str,
    upload_hint: &'static str,
    restore: &'static str,
    restore_hint: &'static str,
}

static EN: Words = Words {
    group: "Manifest",
    examples: "Examples…",
    share: "Share link",
    share_hint: "Put the manifest in a link (compressed into the address; nothing is uploaded)",
    download: "Download",
    download_hint: "Save the text as a .yaml file",
    upload: "Open file…",
    upload_hint: "Open a .yaml, .yml or .json file (up to 3 MiB)",
    restore: "Restore previous text",
    restore_hint: "Bring back the text the last example, link or file replaced",
};

static ZH: Words = Words {
    group: "清单",
    examples: "示例…",
    share: "分享链接",
    share_hint: "把清单放进链接（压缩后写在地址里，不会上传任何内容）",
    download: "下载",
    download_hint: "把文本保存为 .yaml 文件",
    upload: "打开文件…",
    upload_hint: "打开 .yaml、.yml 或 .json 文件（最大 3 MiB）",
    restore: "恢复之前的文本",
    restore_hint: "找回被上一次载入的示例、链接或文件替换掉的文本",
};

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub lang: Lang,
    /// Offer to restore the text the last load replaced (when the notice does not).
    pub has_previous: bool,
    /// True while a share link is being made.
    pub sharing: bool,
    pub onexamples: Callback<()>,
    pub onshare: Callback<()>,
    pub ondownload: Callback<()>,
    pub onupload: Callback<File>,
    pub onrestore: Callback<()>,
    /// More buttons (the terminal's Apply and opener).
    #[prop_or_default]
    pub children: Html,
}

/// The id of the examples button (focus returns there when the dialog closes).
pub const EXAMPLES_BUTTON: &str = "open-examples";

#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let w = match props.lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    let input = use_node_ref();
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let pick = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(i) = input.cast::<HtmlInputElement>() {
                i.click();
            }
        })
    };
    let onchange = {
        let onupload = props.onupload.clone();
        Callback::from(move |e: Event| {
            let Some(i) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(file) = i.files().and_then(|f| f.get(0)) {
                onupload.emit(file);
            }
            // Choosing the same file again must fire `change` again.
            i.set_value("");
        })
    };
    html! {
        <div class="toolbar" role="group" aria-label={w.group}>
            <button type="button" id={EXAMPLES_BUTTON} aria-haspopup="dialog"
                onclick={click(&props.onexamples)}>{w.examples}</button>
            <button type="button" title={w.share_hint} aria-busy={props.sharing.to_string()}
                disabled={props.sharing} onclick={click(&props.onshare)}>{w.share}</button>
            <button type="button" title={w.download_hint} onclick={click(&props.ondownload)}>{w.download}</button>
            <button type="button" title={w.upload_hint} onclick={pick}>{w.upload}</button>
            {props.children.clone()}
            <input ref={input} type="file" class="visually-hidden" tabindex="-1" aria-hidden="true"
                accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml" {onchange} />
            if props.has_previous {
                <button type="button" class="restore" title={w.restore_hint}
                    onclick={click(&props.onrestore)}>{w.restore}</button>
            }
        </div>
    }
}
