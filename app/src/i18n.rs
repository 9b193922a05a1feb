//! Every piece of UI text, in English and Simplified Chinese. Explanations of Kubernetes rules come
//! from core (they are Kubernetes knowledge); this file only holds the app's own words.

use podplay_core::diag::Lang;

use crate::state::SideTab;

pub struct Ui {
    pub title: &'static str,
    pub tagline: &'static str,
    pub language: &'static str,
    pub editor_label: &'static str,
    pub editor_hint: &'static str,
    pub result_heading: &'static str,
    pub document: &'static str,
    pub empty_document: &'static str,
    pub no_documents: &'static str,
    pub kind_missing: &'static str,
    pub name_missing: &'static str,
    pub containers: &'static str,
    pub init_containers: &'static str,
    pub sidecar: &'static str,
    pub no_containers: &'static str,
    pub image: &'static str,
    pub no_image: &'static str,
    pub syntax_error: &'static str,
    pub line: &'static str,
    pub column: &'static str,
    pub kubectl_says: &'static str,
    pub saved_failed: &'static str,
    pub side_label: &'static str,
    pub tab_summary: &'static str,
    pub tab_explain: &'static str,
    pub tab_stored: &'static str,
}

impl Ui {
    pub fn side_tab(&self, tab: SideTab) -> &'static str {
        match tab {
            SideTab::Summary => self.tab_summary,
            SideTab::Explain => self.tab_explain,
            SideTab::Stored => self.tab_stored,
        }
    }
}

pub static EN: Ui = Ui {
    title: "Pod Playground",
    tagline: "Write a Pod manifest. See it checked like the API server checks it, then see what a Pod really is.",
    language: "Language",
    editor_label: "Pod manifest (YAML)",
    editor_hint: "Edit freely: your text is kept in this browser and survives reloads.",
    result_heading: "What the manifest says",
    document: "Document",
    empty_document: "(empty document)",
    no_documents: "Nothing to check yet: write or paste a manifest.",
    kind_missing: "kind not set",
    name_missing: "(no name)",
    containers: "Containers",
    init_containers: "Init containers",
    sidecar: "sidecar",
    no_containers: "no containers",
    image: "image",
    no_image: "no image set",
    syntax_error: "YAML syntax error",
    line: "line",
    column: "column",
    kubectl_says: "kubectl would say",
    saved_failed: "This browser refused to save the text (storage full or disabled); copy it somewhere safe.",
    side_label: "Views of the manifest",
    tab_summary: "Summary",
    tab_explain: "Explain",
    tab_stored: "Stored object",
};

pub static ZH: Ui = Ui {
    title: "Pod 游乐场",
    tagline: "写一个 Pod 清单：先像 API Server 那样检查它，再看清 Pod 到底是什么。",
    language: "语言",
    editor_label: "Pod 清单（YAML）",
    editor_hint: "随意编辑：文本保存在本浏览器中，刷新页面也不会丢失。",
    result_heading: "清单的内容",
    document: "文档",
    empty_document: "（空文档）",
    no_documents: "还没有可检查的内容：请编写或粘贴一个清单。",
    kind_missing: "未设置 kind",
    name_missing: "（无名称）",
    containers: "容器",
    init_containers: "Init 容器",
    sidecar: "边车",
    no_containers: "没有容器",
    image: "镜像",
    no_image: "未设置镜像",
    syntax_error: "YAML 语法错误",
    line: "行",
    column: "列",
    kubectl_says: "kubectl 会报告",
    saved_failed: "浏览器拒绝保存文本（存储已满或被禁用）；请把它复制到安全的地方。",
    side_label: "清单的视图",
    tab_summary: "概要",
    tab_explain: "字段说明",
    tab_stored: "存储的对象",
};

pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}
