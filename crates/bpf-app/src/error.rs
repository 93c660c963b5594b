//! The one error type of the use cases.

use std::path::PathBuf;

use bpf_domain::InvalidInput;
use bpf_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The user's input breaks a rule; nothing was changed.
    #[error(transparent)]
    Invalid(#[from] InvalidInput),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}: {message}", .path.display())]
    File { path: PathBuf, message: String },
    /// The report cannot be made: a mistake in a section's text (with section and line), or the
    /// layout engine's refusal.
    #[error(transparent)]
    Report(#[from] bpf_report::ReportError),
    /// The user cancelled a long task; nothing was changed.
    #[error("cancelled: nothing was changed")]
    Cancelled,
}

impl AppError {
    /// A stable code where a caller branches on the kind of failure; `None` where a message is all.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            AppError::Invalid(InvalidInput::UnresolvedComments { .. }) => Some("UNRESOLVED_COMMENTS"),
            AppError::Invalid(_) => Some("INVALID_INPUT"),
            AppError::Store(StoreError::NotFound(_)) => Some("NOT_FOUND"),
            AppError::Store(StoreError::NotBpfFile { .. }) => Some("NOT_BPF_FILE"),
            AppError::Store(StoreError::NewerVersion { .. }) => Some("NEWER_VERSION"),
            AppError::Store(StoreError::Corrupt { .. }) => Some("CORRUPT"),
            AppError::Store(StoreError::AlreadyExists(_)) => Some("ALREADY_EXISTS"),
            AppError::Store(StoreError::ReadOnly(_)) => Some("READ_ONLY"),
            AppError::Store(StoreError::InUse(_)) => Some("IN_USE"),
            AppError::Cancelled => Some("CANCELLED"),
            _ => None,
        }
    }

    pub(crate) fn file(path: &std::path::Path, e: &std::io::Error) -> AppError {
        use std::io::ErrorKind as K;
        let message = match e.kind() {
            K::PermissionDenied => "permission denied (the folder or file is read-only for you)".to_string(),
            K::ReadOnlyFilesystem => "the medium is read-only".to_string(),
            K::StorageFull => "the disk is full".to_string(),
            K::NotFound => "the folder does not exist".to_string(),
            _ => e.to_string(),
        };
        AppError::File { path: path.to_path_buf(), message }
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;
