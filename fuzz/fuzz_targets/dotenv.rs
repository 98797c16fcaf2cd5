//! The `.env` reader.

#![no_main]

use backlint::lang::dotenv;
use backlint_fuzz::{check_span, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let file = dotenv::parse(&text);
    for entry in &file.entries {
        check_span(&text, &entry.key_range, "key");
        check_span(&text, &entry.value_range, "value");
        check_span(&text, &entry.range, "entry");
        assert!(
            entry.range.start <= entry.key_range.start && entry.value_range.end <= entry.range.end,
            "entry span {:?} does not hold key {:?} and value {:?}",
            entry.range,
            entry.key_range,
            entry.value_range
        );
        let _ = file.get(&entry.key);
    }
});
