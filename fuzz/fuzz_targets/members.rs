//! Any bytes as a member-list snapshot (Mailman 3's members CSV or Mailman 2's list_members):
//! a list or an error, never a panic; every member kept is a lower-case address, once.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(list) = bpf_mail::members::read_members(data) {
        assert!(!list.members.is_empty());
        for (address, _name) in &list.members {
            assert!(address.contains('@'), "{address:?}");
            assert_eq!(address, &address.to_lowercase());
        }
        assert!(list.members.windows(2).all(|w| w[0].0 < w[1].0), "each address once, in order");
    }
});
