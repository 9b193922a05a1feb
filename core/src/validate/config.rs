//! `ValidateConfigMap` and `ValidateSecret` of validation.go: keys, sizes, and the keys each
//! Secret type requires.

use crate::diag::{Diagnostic, FieldPath};
use crate::rules;
use crate::span::Span;
use crate::tree::Node;

use super::meta::{self, KindName};
use super::{help, missing, names, str_of, string_map, NameFormat};

const CONFIG_MAP: KindName = KindName {
    kind: "ConfigMap",
    format: NameFormat::Dns1123Subdomain,
    namespaced: true,
    generation_reset: false,
};
const SECRET: KindName = KindName {
    kind: "Secret",
    format: NameFormat::Dns1123Subdomain,
    namespaced: true,
    generation_reset: false,
};

/// `core.MaxSecretSize`: 1 MiB.
pub const MAX_SECRET_SIZE: usize = 1024 * 1024;

/// The bytes of a `[]byte` value; `None` if not base64 (decoding reported it).
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    crate::base64::decode(s).ok()
}

fn config_key_help(d: Diagnostic) -> Diagnostic {
    help(
        d,
        rules::CONFIGMAP_KEY,
        "Each key of a ConfigMap or Secret becomes a file name when mounted and an env var name with envFrom, so it may only use letters, digits, '-', '_' and '.', and cannot be '.', '..' or start with '..'.",
        "ConfigMap 或 Secret 的每个键在挂载时会变成文件名，用 envFrom 时会变成环境变量名，所以只能用字母、数字、'-'、'_' 和 '.'，并且不能是 '.'、'..' 或以 '..' 开头。",
        "Rename the key, e.g. `app.properties` or `APP_MODE`.",
        "给键改名，例如 `app.properties` 或 `APP_MODE`。",
    )
}

/// `ValidateConfigMap`.
pub(crate) fn validate_config_map(cm: &Node) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    meta::validate_object_meta(cm, CONFIG_MAP, &mut errs);
    let binary: Vec<&str> = cm
        .map("binaryData")
        .iter()
        .map(|e| e.key.as_str())
        .collect();
    let mut total: usize = 0;
    for e in cm.map("data") {
        let p = FieldPath::root("data").key(&e.key);
        for m in names::is_config_map_key(&e.key) {
            errs.push(config_key_help(Diagnostic::invalid(
                &p,
                e.key_span,
                e.key.as_str(),
                m,
            )));
        }
        if binary.contains(&e.key.as_str()) {
            errs.push(help(
                Diagnostic::invalid(
                    &p,
                    e.key_span,
                    e.key.as_str(),
                    "duplicate of key present in binaryData",
                ),
                rules::CONFIGMAP_DUPLICATE,
                "data and binaryData together form one set of files; a key cannot be in both.",
                "data 和 binaryData 一起组成同一组文件；同一个键不能同时出现在两边。",
                "Keep the key in only one of data and binaryData.",
                "只在 data 或 binaryData 之一中保留这个键。",
            ));
        }
        total = total.saturating_add(e.value.as_str().map(str::len).unwrap_or(0));
    }
    for e in cm.map("binaryData") {
        for m in names::is_config_map_key(&e.key) {
            errs.push(config_key_help(Diagnostic::invalid(
                FieldPath::root("binaryData").key(&e.key),
                e.key_span,
                e.key.as_str(),
                m,
            )));
        }
        let s = e.value.as_str().unwrap_or("");
        total = total.saturating_add(base64_decode(s).map(|b| b.len()).unwrap_or(s.len() / 4 * 3));
    }
    if total > MAX_SECRET_SIZE {
        errs.push(help(
            Diagnostic::too_long("", cm.span, MAX_SECRET_SIZE),
            rules::CONFIGMAP_SIZE,
            format!("The ConfigMap holds {total} bytes; ConfigMaps and Secrets are limited to 1 MiB (1048576 bytes) because they are stored in etcd and sent to every kubelet that uses them."),
            format!("这个 ConfigMap 有 {total} 字节；ConfigMap 和 Secret 最多 1 MiB（1048576 字节），因为它们存放在 etcd 里，并会发送给每个使用它们的 kubelet。"),
            "Split the data over several ConfigMaps, or put large files in a volume or image.",
            "把数据拆到多个 ConfigMap 里，或者把大文件放进卷或镜像。",
        ));
    }
    errs
}

/// `ValidateSecret` (data and stringData together: the API server merges stringData into data).
pub(crate) fn validate_secret(secret: &Node) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    meta::validate_object_meta(secret, SECRET, &mut errs);
    // (key, key span, decoded value)
    let mut data: Vec<(&str, Span, Vec<u8>)> = Vec::new();
    for e in secret.map("data") {
        let s = e.value.as_str().unwrap_or("");
        data.push((
            e.key.as_str(),
            e.key_span,
            base64_decode(s).unwrap_or_else(|| s.as_bytes().to_vec()),
        ));
    }
    for e in secret.map("stringData") {
        let bytes = e.value.as_str().unwrap_or("").as_bytes().to_vec();
        match data.iter_mut().find(|(k, _, _)| *k == e.key) {
            Some(slot) => slot.2 = bytes,
            None => data.push((e.key.as_str(), e.key_span, bytes)),
        }
    }
    let dp = FieldPath::root("data");
    let mut total: usize = 0;
    for (k, span, v) in &data {
        for m in names::is_config_map_key(k) {
            errs.push(config_key_help(Diagnostic::invalid(
                dp.key(k),
                *span,
                *k,
                m,
            )));
        }
        total = total.saturating_add(v.len());
    }
    let data_span = secret
        .get("data")
        .or_else(|| secret.get("stringData"))
        .map(|n| n.span)
        .unwrap_or(secret.span);
    if total > MAX_SECRET_SIZE {
        errs.push(help(
            Diagnostic::too_long(&dp, data_span, MAX_SECRET_SIZE),
            rules::SECRET_SIZE,
            format!(
                "The Secret holds {total} bytes; Secrets are limited to 1 MiB (1048576 bytes)."
            ),
            format!("这个 Secret 有 {total} 字节；Secret 最多 1 MiB（1048576 字节）。"),
            "Split it into several Secrets.",
            "把它拆成多个 Secret。",
        ));
    }
    let get = |key: &str| data.iter().find(|(k, _, _)| *k == key).map(|(_, _, v)| v);
    let anchor = secret
        .get("data")
        .or_else(|| secret.get("stringData"))
        .map(missing)
        .unwrap_or_else(|| missing(secret));
    let ty = str_of(secret, "type");
    let required = |key: &str, errs: &mut Vec<Diagnostic>| {
        errs.push(help(
            Diagnostic::required(dp.key(key), anchor, ""),
            rules::SECRET_TYPE_REQUIRED_KEY,
            format!("A Secret of type {ty} must contain the key `{key}`: the components that read this type of Secret look for it."),
            format!("{ty} 类型的 Secret 必须包含键 `{key}`：读取这种 Secret 的组件会找这个键。"),
            format!("Add `{key}` under data (base64) or stringData (plain text)."),
            format!("在 data（base64）或 stringData（明文）下加上 `{key}`。"),
        ));
    };
    match ty {
        "kubernetes.io/service-account-token" => {
            let ann = string_map(secret.get("metadata").and_then(|m| m.get("annotations")));
            if ann
                .iter()
                .find(|(k, _, _, _)| *k == "kubernetes.io/service-account.name")
                .map(|(_, _, v, _)| v.is_empty())
                .unwrap_or(true)
            {
                errs.push(help(
                    Diagnostic::required(FieldPath::root("metadata").child("annotations").key("kubernetes.io/service-account.name"), missing(secret), ""),
                    rules::SECRET_TYPE_SERVICE_ACCOUNT,
                    "A service-account-token Secret is filled in by Kubernetes for the service account named in the annotation kubernetes.io/service-account.name.",
                    "service-account-token 类型的 Secret 由 Kubernetes 为注解 kubernetes.io/service-account.name 指定的服务账号填充。",
                    "Add the annotation `kubernetes.io/service-account.name: <service account>`.",
                    "加上注解 `kubernetes.io/service-account.name: <服务账号名>`。",
                ));
            }
        }
        "kubernetes.io/dockercfg" | "kubernetes.io/dockerconfigjson" => {
            let key = if ty == "kubernetes.io/dockercfg" {
                ".dockercfg"
            } else {
                ".dockerconfigjson"
            };
            match get(key) {
                None => required(key, &mut errs),
                Some(bytes) => {
                    if let Err(e) = json_object_check(bytes) {
                        errs.push(help(
                            Diagnostic::invalid(dp.key(key), anchor, "<secret contents redacted>", e),
                            rules::SECRET_TYPE_DOCKERCONFIG,
                            "The registry credentials must be a JSON object (the content of ~/.docker/config.json).",
                            "镜像仓库凭据必须是 JSON 对象（即 ~/.docker/config.json 的内容）。",
                            "Create it with `kubectl create secret docker-registry`.",
                            "用 `kubectl create secret docker-registry` 来创建。",
                        ));
                    }
                }
            }
        }
        "kubernetes.io/basic-auth" if get("username").is_none() && get("password").is_none() => {
            required("username", &mut errs);
            required("password", &mut errs);
        }
        "kubernetes.io/ssh-auth" if get("ssh-privatekey").is_none_or(|v| v.is_empty()) => {
            required("ssh-privatekey", &mut errs);
        }
        "kubernetes.io/tls" => {
            if get("tls.crt").is_none() {
                required("tls.crt", &mut errs);
            }
            if get("tls.key").is_none() {
                required("tls.key", &mut errs);
            }
        }
        _ => {}
    }
    errs
}

/// `json.Unmarshal(bytes, &map[string]interface{}{})` succeeds; otherwise Go's error text.
fn json_object_check(b: &[u8]) -> Result<(), String> {
    let mut p = Json { b, i: 0 };
    p.ws();
    let Some(&first) = b.get(p.i) else {
        return Err("unexpected end of JSON input".into());
    };
    p.value(0, "looking for beginning of value")?;
    p.ws();
    if let Some(&c) = b.get(p.i) {
        return Err(format!(
            "invalid character {} after top-level value",
            quote_char(c)
        ));
    }
    if first != b'{' {
        let kind = match first {
            b'[' => "array",
            b'"' => "string",
            b't' | b'f' => "bool",
            b'n' => return Ok(()),
            _ => "number",
        };
        return Err(format!(
            "json: cannot unmarshal {kind} into Go value of type map[string]interface {{}}"
        ));
    }
    Ok(())
}

fn quote_char(c: u8) -> String {
    match c {
        b'\'' => "'\\''".into(),
        b'"' => "'\"'".into(),
        c if c.is_ascii_graphic() || c == b' ' => format!("'{}'", c as char),
        c => format!("'\\x{c:02x}'"),
    }
}

struct Json<'a> {
    b: &'a [u8],
    i: usize,
}

impl Json<'_> {
    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }
    fn err(&self, ctx: &str) -> String {
        match self.b.get(self.i) {
            Some(&c) => format!("invalid character {} {ctx}", quote_char(c)),
            None => "unexpected end of JSON input".into(),
        }
    }
    fn value(&mut self, depth: usize, ctx: &str) -> Result<(), String> {
        if depth > 200 {
            // Go allows 10000 levels; we stop earlier to keep the recursion small.
            return Err("exceeded max depth".into());
        }
        self.ws();
        match self.b.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    self.ws();
                    if self.b.get(self.i) != Some(&b'"') {
                        return Err(self.err("looking for beginning of object key string"));
                    }
                    self.string()?;
                    self.ws();
                    if self.b.get(self.i) != Some(&b':') {
                        return Err(self.err("after object key"));
                    }
                    self.i += 1;
                    self.value(depth + 1, "looking for beginning of value")?;
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(());
                        }
                        _ => return Err(self.err("after object key:value pair")),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    self.value(depth + 1, "looking for beginning of value")?;
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(());
                        }
                        _ => return Err(self.err("after array element")),
                    }
                }
            }
            Some(b'"') => self.string(),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'-' | b'0'..=b'9') => {
                self.i += 1;
                while matches!(
                    self.b.get(self.i),
                    Some(b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                ) {
                    self.i += 1;
                }
                Ok(())
            }
            _ => Err(self.err(ctx)),
        }
    }
    fn literal(&mut self, lit: &[u8]) -> Result<(), String> {
        for (k, &c) in lit.iter().enumerate() {
            match self.b.get(self.i) {
                Some(&x) if x == c => self.i += 1,
                _ if k == 0 => return Err(self.err("looking for beginning of value")),
                _ => {
                    let ctx = format!(
                        "in literal {} (expecting {})",
                        String::from_utf8_lossy(lit),
                        quote_char(c)
                    );
                    return Err(self.err(&ctx));
                }
            }
        }
        Ok(())
    }
    fn string(&mut self) -> Result<(), String> {
        self.i += 1;
        loop {
            match self.b.get(self.i) {
                None => return Err("unexpected end of JSON input".into()),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(());
                }
                Some(b'\\') => self.i += 2,
                Some(&c) if c < 0x20 => return Err(self.err("in string literal")),
                Some(_) => self.i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn base64_and_json() {
        assert_eq!(base64_decode("aGVsbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(base64_decode("aGVsbG8"), None);
        assert_eq!(json_object_check(b"{\"auths\":{}}"), Ok(()));
        assert_eq!(
            json_object_check(b""),
            Err("unexpected end of JSON input".into())
        );
        assert_eq!(
            json_object_check(b"x"),
            Err("invalid character 'x' looking for beginning of value".into())
        );
        assert_eq!(
            json_object_check(b"{\"a\" 1}"),
            Err("invalid character '1' after object key".into())
        );
        assert_eq!(
            json_object_check(b"[1]"),
            Err(
                "json: cannot unmarshal array into Go value of type map[string]interface {}".into()
            )
        );
        assert_eq!(
            json_object_check(b"{} x"),
            Err("invalid character 'x' after top-level value".into())
        );
    }
}
