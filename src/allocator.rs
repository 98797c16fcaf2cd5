//! One allocator for backlint's own data and for tree-sitter's syntax trees: mimalloc.
//! Parsing allocates and frees node by node; with the C library's allocator that bookkeeping
//! is a measurable share of a run (see "Dependencies" in the README).

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// The global allocator of the `backlint` binary.
pub struct MiMalloc;

// SAFETY: mimalloc's aligned functions honour `layout.align()`, and `mi_free` releases any
// of their results.
unsafe impl GlobalAlloc for MiMalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { mi::mi_malloc_aligned(layout.size(), layout.align()).cast() }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { mi::mi_zalloc_aligned(layout.size(), layout.align()).cast() }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        unsafe { mi::mi_free(ptr.cast()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe { mi::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast() }
    }
}

/// tree-sitter requires its allocator never to return null; like its default one, abort.
fn non_null(ptr: *mut c_void) -> *mut c_void {
    if ptr.is_null() {
        std::process::abort();
    }
    ptr
}

unsafe extern "C" fn ts_malloc(size: usize) -> *mut c_void {
    non_null(unsafe { mi::mi_malloc(size.max(1)) })
}

unsafe extern "C" fn ts_calloc(count: usize, size: usize) -> *mut c_void {
    match count.checked_mul(size) {
        Some(total) => non_null(unsafe { mi::mi_zalloc(total.max(1)) }),
        None => std::process::abort(),
    }
}

unsafe extern "C" fn ts_realloc(ptr: *mut c_void, size: usize) -> *mut c_void {
    non_null(unsafe { mi::mi_realloc(ptr, size.max(1)) })
}

unsafe extern "C" fn ts_free(ptr: *mut c_void) {
    unsafe { mi::mi_free(ptr) }
}

/// Routes tree-sitter's allocations to mimalloc. Call once, first thing in `main`, before
/// any parser or tree exists (tree-sitter's own requirement).
pub fn install_for_tree_sitter() {
    // SAFETY: called once on the main thread before any other tree-sitter call; the four
    // functions belong to mimalloc and never return null.
    unsafe {
        tree_sitter::set_allocator(Some(tree_sitter::Allocator {
            malloc: ts_malloc,
            calloc: ts_calloc,
            realloc: ts_realloc,
            free: ts_free,
        }));
    }
}
