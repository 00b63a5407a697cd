#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dechrome_fuzz::clean_text(data));
