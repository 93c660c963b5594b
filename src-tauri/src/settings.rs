//! The app's own settings (not a project's): the colour theme. A small JSON file in the config
//! folder; a missing or unreadable one means the defaults, so it can never keep the app from
//! starting.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::menu::ThemeChoice;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Values {
    #[serde(default)]
    theme: ThemeChoice,
}

#[derive(Debug)]
pub struct Settings {
    file: PathBuf,
}

impl Settings {
    pub fn at(file: &Path) -> Self {
        Settings { file: file.to_path_buf() }
    }

    fn read(&self) -> Values {
        std::fs::read(&self.file).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }

    pub fn theme(&self) -> ThemeChoice {
        self.read().theme
    }

    pub fn set_theme(&self, theme: ThemeChoice) -> bpf_app::Result<()> {
        let values = Values { theme };
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| bpf_app::AppError::File { path: dir.to_path_buf(), message: e.to_string() })?;
        }
        let json = serde_json::to_vec_pretty(&values).unwrap_or_default();
        bpf_app::write_atomically(&self.file, &json)
    }
}
