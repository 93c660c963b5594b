/// `bpftest!(name, |dir: &TestDir| { ... })`: a test with its own temporary folder.
macro_rules! bpftest {
    ($name:ident, $fun:expr) => {
        #[test]
        fn $name() {
            let dir = crate::util::TestDir::new(stringify!($name));
            let f: &dyn Fn(&crate::util::TestDir) = &$fun;
            f(&dir);
        }
    };
}
