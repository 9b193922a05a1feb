//! The terminal's own words, in English and Simplified Chinese. Command output is not here: it
//! stays as the tools print it.

use podplay_core::diag::Lang;

pub struct TerminalText {
    pub title: &'static str,
    pub open: &'static str,
    pub open_hint: &'static str,
    pub screen_label: &'static str,
    pub file: &'static str,
    pub file_hint: &'static str,
    pub now: &'static str,
    pub reset: &'static str,
    pub reset_hint: &'static str,
    pub close: &'static str,
    pub loading: &'static str,
    pub failed: &'static str,
    pub retry: &'static str,
    pub apply: &'static str,
    pub apply_hint: &'static str,
    pub picker: &'static str,
    pub editor_pod: &'static str,
    pub created_at: &'static str,
    pub gone: &'static str,
    pub catching_up: &'static str,
    pub picker_catching_up: &'static str,
}

pub static EN: TerminalText = TerminalText {
    title: "Terminal",
    open: "Terminal",
    open_hint: "Open a terminal on a simulated cluster: kubectl, a shell, and your manifest as ~/pod.yaml",
    screen_label: "Terminal: type kubectl commands (Tab completes, Up and Down recall)",
    file: "~/pod.yaml = the editor's text",
    file_hint: "The home directory holds the editor's text as pod.yaml: kubectl apply -f pod.yaml applies what the editor holds",
    now: "now",
    reset: "New session",
    reset_hint: "Forget every command and start with an empty cluster",
    close: "Close",
    loading: "Loading the terminal…",
    failed: "The terminal could not be loaded. Your commands and the cluster are kept.",
    retry: "Retry",
    apply: "Apply",
    apply_hint: "Type kubectl apply -f pod.yaml in the terminal: the cluster gets the editor's text",
    picker: "Pod shown",
    editor_pod: "the editor's text (not applied)",
    created_at: "created at",
    gone: "deleted",
    catching_up: "Catching up… the cluster's history is being played up to now; your command runs next.",
    picker_catching_up: "the cluster's pods: catching up…",
};

pub static ZH: TerminalText = TerminalText {
    title: "终端",
    open: "终端",
    open_hint: "打开一个模拟集群上的终端：kubectl、shell，清单文本就是 ~/pod.yaml",
    screen_label: "终端：输入 kubectl 命令（Tab 补全，上下键调出历史）",
    file: "~/pod.yaml = 编辑器中的文本",
    file_hint: "主目录中的 pod.yaml 就是编辑器中的文本：kubectl apply -f pod.yaml 应用编辑器里的内容",
    now: "当前",
    reset: "新会话",
    reset_hint: "清除所有命令，从空集群重新开始",
    close: "关闭",
    loading: "正在加载终端…",
    failed: "终端加载失败。你的命令和集群都已保留。",
    retry: "重试",
    apply: "应用",
    apply_hint: "在终端中输入 kubectl apply -f pod.yaml：把编辑器中的文本提交给集群",
    picker: "显示的 Pod",
    editor_pod: "编辑器中的文本（未应用）",
    created_at: "创建于",
    gone: "已删除",
    catching_up: "正在追赶进度……集群的历史正被模拟到当前时刻，随后运行你的命令。",
    picker_catching_up: "集群的 Pod：正在追赶进度……",
};

pub fn text(lang: Lang) -> &'static TerminalText {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}
