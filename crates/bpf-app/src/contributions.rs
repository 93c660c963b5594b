//! Use cases of calls for contributions and the contributions received, with their files.

use std::path::Path;

use bpf_domain::InvalidInput;
use bpf_domain::contributions::{
    Call, CallInput, Contribution, ContributionInput, check_call, check_contribution,
};
use chrono::NaiveDate;

use crate::{Project, Result};

/// The largest file kept with a contribution.
pub const MAX_CONTRIBUTION_FILE_BYTES: usize = 25 * 1024 * 1024;

/// The last component of a path as the file's name, refusing empty and odd names.
fn file_name(name: &str) -> Result<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    if base.is_empty() || base == "." || base == ".." || base.chars().any(char::is_control) {
        return Err(InvalidInput::Refused(format!("\"{name}\" is not a file name")).into());
    }
    Ok(base.chars().take(200).collect())
}

impl Project {
    pub fn calls(&mut self) -> Result<Vec<Call>> {
        Ok(self.store.read(|tx| tx.calls())?)
    }

    pub fn add_call(&mut self, input: &CallInput) -> Result<i64> {
        let c = check_call(input)?;
        Ok(self.store.write(|tx| tx.insert_call(&c))?)
    }

    pub fn update_call(&mut self, id: i64, input: &CallInput) -> Result<()> {
        let c = check_call(input)?;
        Ok(self.store.write(|tx| tx.update_call(id, &c))?)
    }

    /// Deletes a call; its contributions stay, outside any call.
    pub fn delete_call(&mut self, id: i64) -> Result<()> {
        Ok(self.store.write(|tx| tx.delete_call(id))?)
    }

    pub fn contributions(&mut self) -> Result<Vec<Contribution>> {
        Ok(self.store.read(|tx| tx.contributions())?)
    }

    /// Checks a contribution against the project: its call and register entry exist; the
    /// entry's organisation, country and group fill what the form left empty.
    fn checked_contribution(
        tx: &bpf_store::Tx<'_>,
        input: &ContributionInput,
        today: NaiveDate,
    ) -> Result<bpf_domain::contributions::CheckedContribution> {
        let mut c = check_contribution(input, today)?;
        if let Some(call) = c.call_id
            && !tx.calls()?.iter().any(|k| k.id == call)
        {
            return Err(bpf_store::StoreError::Missing { what: "call for contributions", id: call }.into());
        }
        if let Some(id) = c.person_id {
            let p = tx.person(id)?;
            c.person_id = Some(p.id);
            if c.organisation.is_empty() {
                c.organisation = p.organisation;
            }
            if c.country.is_empty() {
                c.country = p.country;
            }
            if c.group.is_none() {
                c.group = p.group;
            }
        }
        Ok(c)
    }

    pub fn add_contribution(&mut self, input: &ContributionInput, today: NaiveDate) -> Result<Contribution> {
        self.store.write(|tx| {
            let c = Self::checked_contribution(tx, input, today)?;
            let id = tx.insert_contribution(&c)?;
            Ok(tx.contribution(id)?)
        })
    }

    pub fn update_contribution(
        &mut self,
        id: i64,
        input: &ContributionInput,
        today: NaiveDate,
    ) -> Result<Contribution> {
        self.store.write(|tx| {
            let c = Self::checked_contribution(tx, input, today)?;
            tx.update_contribution(id, &c)?;
            Ok(tx.contribution(id)?)
        })
    }

    pub fn delete_contribution(&mut self, id: i64) -> Result<()> {
        Ok(self.store.write(|tx| tx.delete_contribution(id))?)
    }

    /// Keeps the file received with a contribution in the project (replacing an earlier one).
    pub fn attach_contribution_file(&mut self, id: i64, name: &str, bytes: &[u8]) -> Result<Contribution> {
        let name = file_name(name)?;
        if bytes.is_empty() {
            return Err(InvalidInput::Refused(format!("{name} is empty: nothing to keep")).into());
        }
        if bytes.len() > MAX_CONTRIBUTION_FILE_BYTES {
            return Err(InvalidInput::Refused(format!(
                "{name} is {} MB: a contribution's file is at most {} MB",
                bytes.len() / (1024 * 1024),
                MAX_CONTRIBUTION_FILE_BYTES / (1024 * 1024)
            ))
            .into());
        }
        self.store.write(|tx| {
            tx.set_contribution_file(id, &name, bytes)?;
            Ok(tx.contribution(id)?)
        })
    }

    /// Writes the file kept with a contribution to `dest` (temporary file, then rename).
    pub fn save_contribution_file(&mut self, id: i64, dest: &Path) -> Result<()> {
        let file = self.store.read(|tx| -> Result<_> {
            tx.contribution(id)?;
            Ok(tx.contribution_file(id)?)
        })?;
        let Some((_, bytes)) = file else {
            return Err(InvalidInput::Refused("this contribution has no file kept with it".into()).into());
        };
        crate::write_atomically(dest, &bytes)
    }
}
