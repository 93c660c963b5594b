//! Property tests of the splitter: cutting an archive into messages never loses or invents a
//! byte of a message body, whatever the bodies hold (lines beginning `From `, `>From `, blank
//! runs, CRLF), in mboxrd files and in pipermail's unquoted text.

use bpf_mail::archive::split::envelope_date;
use bpf_mail::archive::{Quoting, Splitter};
use proptest::prelude::*;

/// A body line: ordinary text, a `From ` line that is not an envelope, quoted ones, blanks.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.:;!?()'\"-]{0,60}",
        "From [a-z ]{0,30}",
        ">{1,3}From [a-z ]{0,20}",
        Just(String::new()),
        Just("From here on, we use Twisted".to_string()),
        Just("URL: http://example.org/attachment.bin".to_string()),
        "[\\PC]{0,20}",
    ]
}

fn body() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(line(), 0..12)
}

fn bodies() -> impl Strategy<Value = (Vec<Vec<String>>, bool)> {
    (prop::collection::vec(body(), 1..6), any::<bool>())
}

/// Writes messages as an mbox; `mboxrd` quotes `>*From ` lines by one more `>`.
fn write(bodies: &[Vec<String>], mboxrd: bool, crlf: bool) -> Vec<u8> {
    let nl = if crlf { "\r\n" } else { "\n" };
    let mut out = String::new();
    for (i, b) in bodies.iter().enumerate() {
        out.push_str(&format!("From sender{i} at example.org  Thu Nov  1 11:19:12 2001{nl}"));
        out.push_str(&format!("From: sender{i} at example.org (Sender {i}){nl}Subject: m{i}{nl}{nl}"));
        for l in b {
            let quoted = mboxrd && l.trim_start_matches('>').starts_with("From ");
            out.push_str(if quoted { ">" } else { "" });
            out.push_str(l);
            out.push_str(nl);
        }
        out.push_str(nl);
    }
    out.into_bytes()
}

fn expected(b: &[String], crlf: bool) -> Vec<u8> {
    let nl = if crlf { "\r\n" } else { "\n" };
    b.iter().flat_map(|l| format!("{l}{nl}").into_bytes()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mboxrd_round_trip((bodies, crlf) in bodies()) {
        let data = write(&bodies, true, crlf);
        let got: Vec<_> = Splitter::new(&data[..], Quoting::Mboxrd, usize::MAX).map(|m| m.unwrap()).collect();
        prop_assert_eq!(got.len(), bodies.len());
        for (m, b) in got.iter().zip(&bodies) {
            let want = expected(b, crlf);
            prop_assert_eq!(&m.body, &want);
            prop_assert_eq!(m.body_len, want.len() as u64);
        }
    }

    /// Pipermail quotes nothing: bodies come back byte for byte as long as no body line is an
    /// envelope followed by a header line (which the generator never makes: `From ` lines here
    /// have no date).
    #[test]
    fn pipermail_round_trip((bodies, crlf) in bodies()) {
        prop_assume!(bodies.iter().flatten().all(|l| envelope_date(l.as_bytes()).is_none()));
        let data = write(&bodies, false, crlf);
        let got: Vec<_> = Splitter::new(&data[..], Quoting::None, usize::MAX).map(|m| m.unwrap()).collect();
        prop_assert_eq!(got.len(), bodies.len());
        for (m, b) in got.iter().zip(&bodies) {
            prop_assert_eq!(&m.body, &expected(b, crlf));
        }
    }

    /// Whatever the bytes, the splitter ends, and the bodies and headers it returns are made
    /// of the input's bytes: their total never exceeds the input.
    #[test]
    fn arbitrary_bytes_never_invent(data in prop::collection::vec(any::<u8>(), 0..2000), q in any::<bool>()) {
        let quoting = if q { Quoting::Mboxrd } else { Quoting::None };
        let mut total = 0u64;
        for m in Splitter::new(&data[..], quoting, usize::MAX) {
            let m = m.unwrap();
            total += m.header.len() as u64 + m.body_len + m.envelope.len() as u64;
        }
        prop_assert!(total <= data.len() as u64);
    }
}
