//! `bpf-desk backup …`: the daily backups the desktop app keeps, made, listed and restored by
//! hand. By default they live where the app keeps them: `$XDG_DATA_HOME/org.bpfdesk.app/backups`
//! (or `~/.local/share/…`), one folder per project.

use std::path::{Path, PathBuf};

use bpf_app::Project;
use chrono::Utc;
use clap::Subcommand;

use crate::{Failure, err, show, today};

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Take today's backup (once a day; the last 7 days are kept)
    Now {
        file: PathBuf,
        /// The folder holding the projects' backup folders (default: the app's)
        #[arg(long)]
        folder: Option<PathBuf>,
        #[arg(long)]
        today: Option<String>,
    },
    /// The project's backups, newest first
    List {
        file: PathBuf,
        #[arg(long)]
        folder: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Replace the project with one of its backups (the current file is kept as a backup first)
    Restore {
        file: PathBuf,
        /// The backup file, as `backup list` names it
        #[arg(long)]
        from: PathBuf,
        #[arg(long)]
        folder: Option<PathBuf>,
    },
}

/// Where the desktop app keeps backups: its data folder (Tauri's `app_data_dir`).
fn app_root() -> Result<PathBuf, Failure> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".local/share")))
        .ok_or("no data folder: set HOME or give --folder")?;
    Ok(data.join("org.bpfdesk.app").join("backups"))
}

fn folder_of(file: &Path, root: Option<PathBuf>) -> Result<PathBuf, Failure> {
    Ok(bpf_app::backup_folder(&root.map_or_else(app_root, Ok)?, file))
}

pub fn backup(c: BackupCommand) -> Result<(), Failure> {
    match c {
        BackupCommand::Now { file, folder, today: day } => {
            let folder = folder_of(&file, folder)?;
            let made = Project::open(&file)
                .map_err(err)?
                .back_up_daily(&folder, today(day.as_deref())?)
                .map_err(err)?;
            match made {
                Some(b) => println!("wrote {} ({} bytes)", b.path, b.bytes),
                None => println!("today's backup is already in {}", folder.display()),
            }
        }
        BackupCommand::List { file, folder, json: as_json } => {
            let list = bpf_app::backups(&folder_of(&file, folder)?).map_err(err)?;
            show(&list, as_json, |list| {
                if list.is_empty() {
                    println!("no backups yet");
                }
                for b in list {
                    let what = if b.before_restore { " (kept before a restore)" } else { "" };
                    println!("{}  {:>9} bytes  {}{what}", b.day, b.bytes, b.path);
                }
            })?;
        }
        BackupCommand::Restore { file, from, folder } => {
            let folder = folder_of(&file, folder)?;
            bpf_app::restore_backup(&file, &from, &folder, Utc::now()).map_err(err)?;
            println!(
                "restored {} from {}; the replaced file is kept in {}",
                file.display(),
                from.display(),
                folder.display()
            );
        }
    }
    Ok(())
}
