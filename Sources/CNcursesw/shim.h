#ifndef GATESCOPE_NCURSES_SHIM_H
#define GATESCOPE_NCURSES_SHIM_H
// SwiftPM drops ncursesw's pkg-config cflags, so ask for the wide-character API here.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>
#include <ncursesw/term.h>

// Function-like macros and mutable globals do not import into Swift 6 (or fail its concurrency
// checking); these static inline accessors stand in for them. Call them from one thread only.

static inline WINDOW *gs_stdscr(void) { return stdscr; }
static inline WINDOW *gs_curscr(void) { return curscr; }
static inline int gs_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline int gs_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int gs_colors(void) { return COLORS; }
static inline int gs_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *gs_stdin(void) { return stdin; }
static inline FILE *gs_stdout(void) { return stdout; }
static inline TERMINAL *gs_cur_term(void) { return cur_term; }

static inline attr_t gs_a_normal(void) { return A_NORMAL; }
static inline attr_t gs_a_bold(void) { return A_BOLD; }
static inline attr_t gs_a_underline(void) { return A_UNDERLINE; }
static inline attr_t gs_a_reverse(void) { return A_REVERSE; }
static inline attr_t gs_a_dim(void) { return A_DIM; }

static inline int gs_key_f0(void) { return KEY_F0; }

static inline mmask_t gs_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t gs_button_pressed(int button) { return NCURSES_MOUSE_MASK(button, NCURSES_BUTTON_PRESSED); }
static inline mmask_t gs_button_released(int button) { return NCURSES_MOUSE_MASK(button, NCURSES_BUTTON_RELEASED); }
static inline mmask_t gs_button_clicked(int button) { return NCURSES_MOUSE_MASK(button, NCURSES_BUTTON_CLICKED); }

/// 1 when the current terminal's string capability `name` exists and is not cancelled.
static inline int gs_has_string_capability(const char *name) {
    char *value = tigetstr(name);
    return value != NULL && value != (char *)-1;
}

/// Sets `*cc` to the wide grapheme `wch` (NUL-terminated, at most CCHARW_MAX characters) with an
/// extended colour pair, which may exceed the 16-bit `short` of setcchar's pair argument.
static inline int gs_setcchar(cchar_t *cc, const wchar_t *wch, attr_t attrs, int pair) {
    return setcchar(cc, wch, attrs, 0, &pair);
}
/// Clears the screen with the terminal's own `clear` capability (after endwin, for terminals
/// without an alternate screen).
static inline void gs_clear_screen(void) {
    char *clear = tigetstr("clear");
    if (clear != NULL && clear != (char *)-1) { putp(clear); fflush(stdout); }
}
#endif
