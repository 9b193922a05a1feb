//! The message line above the panes: what a load, a share or a file did, with what can be done
//! about it (restore the replaced text, copy the link, download a text that stopped the page).

use podplay_core::diag::Lang;
use podplay_core::examples;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use podplay_core::share::Refusal;
use crate::state::{LoadSource, Notice};

struct Words {
    dismiss: &'static str,
    loaded_example: &'static str,
    loaded_link: &'static str,
    loaded_file: &'static str,
    kept: &'static str,
    restore: &'static str,
    restored: &'static str,
    restored_kept: &'static str,
    swap_back: &'static str,
    link_copied: &'static str,
    link_not_copied: &'static str,
    link_label: &'static str,
    link_too_long: &'static str,
    intact: &'static str,
    link_corrupt: &'static str,
    link_too_large: &'static str,
    link_binary: &'static str,
    link_unsupported: &'static str,
    file_too_large: &'static str,
    file_binary: &'static str,
    file_wrong_type: &'static str,
    file_unreadable: &'static str,
    download_failed: &'static str,
    recovered: &'static str,
    download_it: &'static str,
    loaded_lesson: &'static str,
    progress_ignored: &'static str,
    session_ignored: &'static str,
    session_not_saved: &'static str,
}

static EN: Words = Words {
    dismiss: "Dismiss",
    loaded_example: "Loaded the example",
    loaded_link: "Opened the manifest from the link.",
    loaded_file: "Opened",
    kept: "Your previous text is kept.",
    restore: "Restore my text",
    restored: "Your previous text is back.",
    restored_kept: "The text it replaced is kept too.",
    swap_back: "Swap back",
    link_copied: "Link copied to the clipboard. It holds the whole manifest, compressed, after the # (which browsers never send to a server).",
    link_not_copied: "Here is the link; this browser did not allow copying it, so copy it from the box.",
    link_label: "Share link",
    link_too_long: "This text is too long for a link (browsers refuse addresses over 2 MB); download it as a file instead.",
    intact: "Your text was left as it was.",
    link_corrupt: "This share link is damaged or cut short, so it cannot be opened.",
    link_too_large: "This share link holds more than 3 MiB of text, so it was not opened.",
    link_binary: "This share link does not hold text, so it was not opened.",
    link_unsupported: "This browser cannot make share links (it has no CompressionStream).",
    file_too_large: "is larger than 3 MiB, so it was not opened.",
    file_binary: "is not a text file (it has NUL bytes or is not valid UTF-8), so it was not opened.",
    file_wrong_type: "is not a .yaml, .yml or .json file, so it was not opened.",
    file_unreadable: "could not be read.",
    download_failed: "The browser did not start the download.",
    recovered: "The last session stopped while checking its text, so that text was not opened again; the playground starts from an example. Please report the problem.",
    download_it: "Download that text",
    loaded_lesson: "Loaded the lesson's manifest",
    progress_ignored: "Your saved course progress could not be read, so it was ignored: the course starts afresh.",
    session_ignored: "The terminal's saved session could not be read, so it was ignored: the cluster starts empty.",
    session_not_saved: "This browser refused to save the terminal's session (storage full or disabled): a reload will start an empty cluster.",
};

static ZH: Words = Words {
    dismiss: "关闭提示",
    loaded_example: "已载入示例",
    loaded_link: "已打开链接中的清单。",
    loaded_file: "已打开",
    kept: "你之前的文本已保留。",
    restore: "恢复我的文本",
    restored: "你之前的文本已恢复。",
    restored_kept: "被它替换的文本也保留着。",
    swap_back: "换回去",
    link_copied: "链接已复制到剪贴板。整个清单压缩后放在 # 之后（浏览器从不把这部分发送给服务器）。",
    link_not_copied: "链接如下；此浏览器不允许复制，请从文本框中自行复制。",
    link_label: "分享链接",
    link_too_long: "文本太长，无法放进链接（浏览器拒绝超过 2 MB 的地址）；请下载为文件。",
    intact: "你的文本保持不变。",
    link_corrupt: "这个分享链接已损坏或被截断，无法打开。",
    link_too_large: "这个分享链接包含超过 3 MiB 的文本，没有打开。",
    link_binary: "这个分享链接里不是文本，没有打开。",
    link_unsupported: "此浏览器无法生成分享链接（不支持 CompressionStream）。",
    file_too_large: "大于 3 MiB，没有打开。",
    file_binary: "不是文本文件（含有 NUL 字节或不是有效的 UTF-8），没有打开。",
    file_wrong_type: "不是 .yaml、.yml 或 .json 文件，没有打开。",
    file_unreadable: "无法读取。",
    download_failed: "浏览器没有开始下载。",
    recovered: "上一次会话在检查文本时停止了，所以没有再次打开那段文本；游乐场从一个示例开始。请报告这个问题。",
    download_it: "下载那段文本",
    loaded_lesson: "已载入课程的清单",
    progress_ignored: "保存的课程进度无法读取，已忽略：课程从头开始。",
    session_ignored: "终端保存的会话无法读取，已忽略：集群从空开始。",
    session_not_saved: "浏览器拒绝保存终端会话（存储已满或被禁用）：刷新页面后集群将从空开始。",
};

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub lang: Lang,
    pub notice: Option<Notice>,
    /// A replaced text is kept and can be restored.
    pub can_restore: bool,
    pub onrestore: Callback<()>,
    pub ondismiss: Callback<()>,
    /// Download this text (the one that stopped the last session).
    pub ondownload: Callback<AttrValue>,
}

#[function_component]
pub fn NoticeBar(props: &NoticeProps) -> Html {
    let w = match props.lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    let Some(notice) = &props.notice else {
        return html! { <div class="notices" aria-live="polite"></div> };
    };
    let restore = |label: &'static str| {
        let cb = props.onrestore.clone();
        html! { <button type="button" onclick={Callback::from(move |_| cb.emit(()))}>{label}</button> }
    };
    let refused = |msg: String| (msg, true, Html::default());
    let (message, is_error, extra): (String, bool, Html) = match notice {
        Notice::Loaded(source) => {
            let what = match source {
                LoadSource::Example(id) => {
                    let title = examples::by_id(id)
                        .map(|e| e.title.get(props.lang))
                        .unwrap_or(id);
                    format!("{} “{title}”.", w.loaded_example)
                }
                LoadSource::Link => w.loaded_link.to_string(),
                LoadSource::File(name) => format!("{} {name}.", w.loaded_file),
                LoadSource::Lesson(id) => {
                    let title = podplay_core::lessons::task(id)
                        .map(|t| t.title.get(props.lang))
                        .or_else(|| examples::by_id(id).map(|e| e.title.get(props.lang)))
                        .unwrap_or(id);
                    format!("{} “{title}”.", w.loaded_lesson)
                }
            };
            if props.can_restore {
                (format!("{what} {}", w.kept), false, restore(w.restore))
            } else {
                (what, false, Html::default())
            }
        }
        Notice::Restored => {
            if props.can_restore {
                (
                    format!("{} {}", w.restored, w.restored_kept),
                    false,
                    restore(w.swap_back),
                )
            } else {
                (w.restored.to_string(), false, Html::default())
            }
        }
        Notice::LinkReady { url, copied } => {
            let onfocus = Callback::from(|e: FocusEvent| {
                if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                    i.select();
                }
            });
            (
                if *copied {
                    w.link_copied
                } else {
                    w.link_not_copied
                }
                .to_string(),
                false,
                html! {
                    <input class="share-url" type="text" readonly=true aria-label={w.link_label}
                        value={url.to_string()} {onfocus} />
                },
            )
        }
        Notice::LinkTooLong => (w.link_too_long.to_string(), true, Html::default()),
        Notice::LinkRefused(why) => {
            let m = match why {
                Refusal::Corrupt | Refusal::WrongType => w.link_corrupt,
                Refusal::TooLarge => w.link_too_large,
                Refusal::Binary => w.link_binary,
                Refusal::Unsupported => w.link_unsupported,
            };
            refused(format!("{m} {}", w.intact))
        }
        Notice::FileRefused { name, why } => {
            let m = match why {
                Refusal::TooLarge => w.file_too_large,
                Refusal::Binary => w.file_binary,
                Refusal::WrongType => w.file_wrong_type,
                Refusal::Corrupt | Refusal::Unsupported => w.file_unreadable,
            };
            refused(format!("{name} {m} {}", w.intact))
        }
        Notice::DownloadFailed => (w.download_failed.to_string(), true, Html::default()),
        Notice::ProgressIgnored => (w.progress_ignored.to_string(), true, Html::default()),
        Notice::SessionIgnored => (w.session_ignored.to_string(), true, Html::default()),
        Notice::SessionNotSaved => (w.session_not_saved.to_string(), true, Html::default()),
        Notice::Recovered { text } => {
            let cb = props.ondownload.clone();
            let text = AttrValue::from(text.to_string());
            (
                w.recovered.to_string(),
                true,
                html! {
                    <button type="button" onclick={Callback::from(move |_| cb.emit(text.clone()))}>
                        {w.download_it}</button>
                },
            )
        }
    };
    let dismiss = {
        let cb = props.ondismiss.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <div class="notices" aria-live="polite">
            <div class={classes!("notice", is_error.then_some("error-notice"))}
                role={if is_error { "alert" } else { "status" }}>
                <p>{message}</p>
                { extra }
                <button type="button" class="icon-button" aria-label={w.dismiss} title={w.dismiss}
                    onclick={dismiss}>{"×"}</button>
            </div>
        </div>
    }
}
