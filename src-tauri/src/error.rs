//! The error shape at the IPC edge: `{code, message}`; a code only where the UI branches on it.

use serde::Serialize;
use ts_rs::TS;

/// What every failed command rejects with.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    #[ts(type = "string | null")]
    pub code: Option<&'static str>,
    pub message: String,
}

impl From<bpf_app::AppError> for IpcError {
    fn from(e: bpf_app::AppError) -> Self {
        IpcError { code: e.code(), message: e.to_string() }
    }
}

impl IpcError {
    pub fn no_project() -> Self {
        IpcError { code: Some("NO_PROJECT"), message: "no project is open".into() }
    }

    pub fn other(message: impl Into<String>) -> Self {
        IpcError { code: None, message: message.into() }
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
