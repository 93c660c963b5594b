//! The native menu bar: File, Edit, View, Help, with the usual shortcuts. Items the page carries
//! out (open a dialog of its own, export, undo a deletion, switch the view or the theme) are sent
//! to it as a `menu` event with the item's id (`recent:<path>` for a recent file); Quit, the
//! recent-files list, the theme's check marks and About are handled here.

use serde::{Deserialize, Serialize};
use tauri::menu::{
    AboutMetadata, CheckMenuItem, CheckMenuItemBuilder, Menu, MenuBuilder, MenuItemBuilder,
    PredefinedMenuItem, Submenu, SubmenuBuilder,
};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use ts_rs::TS;

use crate::state::Desk;

/// The event the page receives for a menu item it carries out.
pub const MENU_EVENT: &str = "menu";
const RECENT: &str = "recent";
const RECENT_PREFIX: &str = "recent:";

/// The colour theme: the system's, or one chosen in View › Theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    fn id(self) -> &'static str {
        match self {
            ThemeChoice::System => "theme:system",
            ThemeChoice::Light => "theme:light",
            ThemeChoice::Dark => "theme:dark",
        }
    }

    fn window_theme(self) -> Option<tauri::Theme> {
        match self {
            ThemeChoice::System => None,
            ThemeChoice::Light => Some(tauri::Theme::Light),
            ThemeChoice::Dark => Some(tauri::Theme::Dark),
        }
    }
}

fn item<R: Runtime>(
    app: &AppHandle<R>,
    id: &str,
    text: &str,
    keys: Option<&str>,
) -> tauri::Result<tauri::menu::MenuItem<R>> {
    let b = MenuItemBuilder::with_id(id, text);
    match keys {
        Some(k) => b.accelerator(k).build(app),
        None => b.build(app),
    }
}

/// Builds the menu bar (the recent files and the theme as they are now).
pub fn build<R: Runtime>(app: &AppHandle<R>, theme: ThemeChoice) -> tauri::Result<Menu<R>> {
    let recent = SubmenuBuilder::with_id(app, RECENT, "Open Recent").build()?;
    let export = SubmenuBuilder::new(app, "Export")
        .item(&item(app, "export:ics", "Calendar (.ics)…", Some("CmdOrCtrl+E"))?)
        .item(&item(app, "export:report-pdf", "Report as PDF…", Some("CmdOrCtrl+P"))?)
        .item(&item(app, "export:report-docx", "Report as Word…", None)?)
        .item(&item(app, "export:scorecard-pdf", "Scorecard as PDF…", None)?)
        .build()?;
    let file = SubmenuBuilder::new(app, "File")
        .item(&item(app, "new", "New BPF…", Some("CmdOrCtrl+N"))?)
        .item(&item(app, "open", "Open…", Some("CmdOrCtrl+O"))?)
        .item(&recent)
        .separator()
        .item(&item(app, "save-copy", "Save a Copy…", Some("CmdOrCtrl+Shift+S"))?)
        .item(&export)
        .item(&item(app, "backups", "Restore a Backup…", None)?)
        .separator()
        .item(&item(app, "close", "Close Project", Some("CmdOrCtrl+W"))?)
        .item(&item(app, "quit", "Quit", Some("CmdOrCtrl+Q"))?)
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&item(app, "undo", "Undo Last Deletion", Some("CmdOrCtrl+Alt+Z"))?)
        .separator()
        .item(&PredefinedMenuItem::cut(app, None)?)
        .item(&PredefinedMenuItem::copy(app, None)?)
        .item(&PredefinedMenuItem::paste(app, None)?)
        .item(&PredefinedMenuItem::select_all(app, None)?)
        .build()?;
    let checks: Vec<CheckMenuItem<R>> = ThemeChoice::ALL
        .iter()
        .map(|t| {
            let label = match t {
                ThemeChoice::System => "Follow the System",
                ThemeChoice::Light => "Light",
                ThemeChoice::Dark => "Dark",
            };
            CheckMenuItemBuilder::with_id(t.id(), label).checked(*t == theme).build(app)
        })
        .collect::<tauri::Result<_>>()?;
    let mut themes = SubmenuBuilder::new(app, "Theme");
    for c in &checks {
        themes = themes.item(c);
    }
    let view = SubmenuBuilder::new(app, "View")
        .item(&item(app, "go:overview", "Home", Some("CmdOrCtrl+1"))?)
        .item(&item(app, "go:workplan", "Work Plan", Some("CmdOrCtrl+2"))?)
        .item(&item(app, "go:meetings", "Meetings", Some("CmdOrCtrl+3"))?)
        .item(&item(app, "go:people", "People", Some("CmdOrCtrl+4"))?)
        .item(&item(app, "go:report", "Report", Some("CmdOrCtrl+5"))?)
        .item(&item(app, "go:scorecard", "Scorecard", Some("CmdOrCtrl+6"))?)
        .separator()
        .item(&themes.build()?)
        .build()?;
    let about = AboutMetadata {
        name: Some("BPF Desk".into()),
        version: Some(app.package_info().version.to_string()),
        comments: Some("Plan and run an IGF Best Practice Forum year".into()),
        ..Default::default()
    };
    let help = SubmenuBuilder::new(app, "Help")
        .item(&item(app, "shortcuts", "Keyboard Shortcuts", Some("F1"))?)
        .separator()
        .item(&PredefinedMenuItem::about(app, Some("About BPF Desk"), Some(about))?)
        .build()?;
    let menu = MenuBuilder::new(app).items(&[&file, &edit, &view, &help]).build()?;
    fill_recent(app, &recent)?;
    Ok(menu)
}

fn fill_recent<R: Runtime>(app: &AppHandle<R>, recent: &Submenu<R>) -> tauri::Result<()> {
    for old in recent.items()? {
        recent.remove(&old)?;
    }
    let files = app.try_state::<Desk>().map(|d| d.recent.list()).unwrap_or_default();
    if files.is_empty() {
        recent.append(
            &MenuItemBuilder::with_id("recent-none", "No Recent Projects").enabled(false).build(app)?,
        )?;
    }
    for f in files.iter().take(10) {
        let label = format!("{} {} — {}", f.title, f.year, f.path);
        recent.append(&MenuItemBuilder::with_id(format!("{RECENT_PREFIX}{}", f.path), label).build(app)?)?;
    }
    Ok(())
}

/// Brings the Open Recent submenu up to date (after a project was opened or created).
pub fn refresh_recent<R: Runtime>(app: &AppHandle<R>) {
    let Some(menu) = app.menu() else { return };
    let recent =
        menu.items().ok().into_iter().flatten().find_map(|top| {
            top.as_submenu().and_then(|s| s.get(RECENT)).and_then(|r| r.as_submenu().cloned())
        });
    if let Some(Err(e)) = recent.map(|r| fill_recent(app, &r)) {
        eprintln!("bpf-desk: the recent-files menu could not be updated: {e}");
    }
}

/// Ticks `theme` in View › Theme and gives the window that theme.
pub fn show_theme<R: Runtime>(app: &AppHandle<R>, theme: ThemeChoice) {
    if let Some(menu) = app.menu() {
        for t in ThemeChoice::ALL {
            let check = menu.items().ok().into_iter().flatten().find_map(|top| {
                let view = top.as_submenu()?;
                view.items().ok()?.into_iter().find_map(|i| i.as_submenu()?.get(t.id()))
            });
            if let Some(c) = check.as_ref().and_then(|c| c.as_check_menuitem()) {
                let _ = c.set_checked(t == theme);
            }
        }
    }
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.set_theme(theme.window_theme());
    }
}

/// What a click on a menu item does.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, id: &str) {
    match id {
        "quit" => app.exit(0),
        _ if id.starts_with("theme:") => {
            let theme = ThemeChoice::ALL.into_iter().find(|t| t.id() == id).unwrap_or_default();
            // The page saves the choice and switches its colours; the marks follow here.
            show_theme(app, theme);
            let _ = app.emit(MENU_EVENT, id);
        }
        _ => {
            let _ = app.emit(MENU_EVENT, id);
        }
    }
}
