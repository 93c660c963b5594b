//! Handing a file the app wrote to the program the system opens it with (the opener plugin,
//! called from Rust only: the page has no opener permission).

use std::path::Path;

use tauri::{AppHandle, Runtime};
use tauri_plugin_opener::OpenerExt;

use crate::error::{IpcError, IpcResult};

/// Opens an e-mail draft (`.eml`, marked `X-Unsent: 1`) in the system's mail program. When no
/// program is registered for it, or the hand-off fails, the error says where the draft is.
pub fn open_in_mail_program<R: Runtime>(app: &AppHandle<R>, draft: &Path) -> IpcResult<()> {
    if lacks_program(draft, xdg_mime) {
        return Err(IpcError::other(format!(
            "No mail program is set up to open e-mail drafts (.eml) on this computer. The draft was saved \
             to {}: open it from your mail program, or make one the default for .eml files.",
            draft.display()
        )));
    }
    app.opener().open_path(draft.display().to_string(), None::<&str>).map_err(|e| {
        IpcError::other(format!(
            "The draft could not be handed to a mail program ({e}). It was saved to {}.",
            draft.display()
        ))
    })
}

/// Asks `xdg-mime` (Linux desktops) one question; its answer, or `None` when it cannot tell.
fn xdg_mime(args: &[&std::ffi::OsStr]) -> Option<String> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let out = std::process::Command::new("xdg-mime")
        .args(args)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// True only when the desktop's own tool says that no program is registered for the file's type
/// (`xdg-open` would then fall back to a web browser, or fail). Where it cannot tell (another
/// system, no `xdg-mime`), the system's opener is tried.
fn lacks_program(file: &Path, query: impl Fn(&[&std::ffi::OsStr]) -> Option<String>) -> bool {
    let Some(kind) = query(&["query".as_ref(), "filetype".as_ref(), file.as_os_str()]) else {
        return false;
    };
    let kind = kind.split(';').next().unwrap_or_default().trim().to_string();
    if kind.is_empty() {
        return false;
    }
    matches!(query(&["query".as_ref(), "default".as_ref(), kind.as_ref()]), Some(app) if app.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(
        filetype: Option<&'static str>,
        default: Option<&'static str>,
    ) -> impl Fn(&[&std::ffi::OsStr]) -> Option<String> {
        move |args| match args[1].to_str() {
            Some("filetype") => filetype.map(String::from),
            Some("default") => {
                assert_eq!(args[2], "message/rfc822");
                default.map(String::from)
            }
            _ => None,
        }
    }

    #[test]
    fn only_a_clear_no_from_the_desktop_stops_the_hand_off() {
        let draft = Path::new("/tmp/outbox/ovm-1.eml");
        assert!(lacks_program(draft, answers(Some("message/rfc822"), Some(""))));
        assert!(!lacks_program(
            draft,
            answers(Some("message/rfc822; charset=utf-8"), Some("thunderbird.desktop"))
        ));
        // xdg-mime missing or failing: let the opener try.
        assert!(!lacks_program(draft, answers(None, None)));
        assert!(!lacks_program(draft, answers(Some("message/rfc822"), None)));
        assert!(!lacks_program(draft, answers(Some(""), Some(""))));
    }
}

/// Opens one of the open project's own web addresses (its page on the IGF site, its mailing
/// list) in the browser. Any other address is refused: the page cannot make the app open what
/// it likes.
#[tauri::command]
pub fn open_link<R: Runtime>(
    app: AppHandle<R>,
    desk: tauri::State<'_, crate::state::Desk>,
    url: String,
) -> IpcResult<()> {
    let profile = desk.with(|p| p.plan(crate::today()))?.year.profile;
    let known = [profile.website_url.trim(), profile.mailing_list.trim()];
    let web = url.starts_with("https://") || url.starts_with("http://");
    if !web || url.trim().is_empty() || !known.contains(&url.as_str()) {
        return Err(IpcError::other(format!("{url}: not one of this BPF's web addresses")));
    }
    app.opener()
        .open_url(&url, None::<&str>)
        .map_err(|e| IpcError::other(format!("The address could not be opened in a browser ({e}): {url}")))
}
