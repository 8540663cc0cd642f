#!/usr/bin/env bash
# Installs gatescope under a prefix (default /usr/local), or removes what an earlier install put there.
#
#   scripts/install.sh [--prefix DIR]              build the release and install it
#   scripts/install.sh --prefix DIR --binary PATH  install an already-built gatescope (no build)
#   scripts/install.sh --prefix DIR --uninstall    remove exactly the files the install wrote
#
# What goes where (docs/user-guide.md, "Installing"):
#   DIR/bin/gatescope                                   the program
#   DIR/share/gatescope/demos/                          the demos (catalog.tsv) and lessons (lessons/)
#   DIR/share/bash-completion/completions/gatescope     bash completion
#   DIR/share/zsh/site-functions/_gatescope             zsh completion
#   DIR/share/fish/vendor_completions.d/gatescope.fish  fish completion
#   DIR/share/man/man1/gatescope.1                      the man page
#   DIR/share/gatescope/install-manifest.txt            what was installed, for --uninstall
# The program finds its demos from its own path (bin/../share/gatescope/demos), so the whole prefix
# can be moved elsewhere afterwards. Running it again over an install updates it in place.
set -euo pipefail

say() { printf '%s\n' "$*"; }
fail() { printf 'install.sh: error: %s\n' "$*" >&2; exit 1; }
trap 'printf "install.sh: error: a step failed (line %s); nothing more was done\n" "$LINENO" >&2' ERR
usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; }

prefix=/usr/local
binary=""
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] && [ -n "$2" ] || fail "--prefix needs a directory"; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; [ -n "$prefix" ] || fail "--prefix needs a directory"; shift ;;
    --binary) [ $# -ge 2 ] && [ -n "$2" ] || fail "--binary needs the path of a built gatescope"; binary=$2; shift 2 ;;
    --binary=*) binary=${1#--binary=}; shift ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown argument '$1' (try --help)" ;;
  esac
done

source_root=$(cd "$(dirname "$0")/.." && pwd)
case "$prefix" in /*) ;; *) prefix="$(pwd)/$prefix" ;; esac
prefix=${prefix%/}
[ -n "$prefix" ] || fail "refusing to use / as the prefix"
share="$prefix/share/gatescope"
manifest="$share/install-manifest.txt"

# The manifest: one line per entry, `f<TAB>path` for a file and `d<TAB>path` for a directory the
# install created, paths relative to the prefix.
remove_listed_files() {
  local kind path
  while IFS=$'\t' read -r kind path; do
    [ "$kind" = f ] || continue
    case "$path" in ''|/*|*..*) fail "$manifest has a suspicious entry '$path'; remove the install by hand" ;; esac
    if [ -e "$prefix/$path" ] || [ -L "$prefix/$path" ]; then rm -f -- "$prefix/$path"; fi
  done < "$manifest"
}

remove_created_directories() {
  local kind path
  # Deepest first, and only when empty (something else may have been put there since).
  while IFS=$'\t' read -r kind path; do
    [ "$kind" = d ] || continue
    if [ "$path" = . ]; then rmdir -- "$prefix" 2>/dev/null || true; else rmdir -- "$prefix/$path" 2>/dev/null || true; fi
  done < <(grep $'^d\t' "$manifest" | awk -F'\t' '{ print length($2) "\t" $0 }' | sort -rn | cut -f2-)
}

if [ "$uninstall" = 1 ]; then
  [ -f "$manifest" ] || fail "no gatescope install under $prefix (no $manifest)"
  [ -w "$share" ] || fail "cannot write to $share (run as a user who can, e.g. with sudo)"
  count=$(grep -c $'^f\t' "$manifest" || true)
  # The manifest lists itself: work from a copy.
  listed=$(mktemp "${TMPDIR:-/tmp}/gatescope-manifest.XXXXXX")
  trap 'rm -f -- "$listed"' EXIT
  cp -- "$manifest" "$listed"
  manifest=$listed remove_listed_files
  rm -f -- "$share/install-manifest.txt"
  manifest=$listed remove_created_directories
  say "removed gatescope from $prefix ($count files)"
  exit 0
fi

# Fail before building when the prefix (or the nearest directory above it that exists) is not writable.
existing=$prefix
while [ ! -e "$existing" ]; do existing=$(dirname "$existing"); done
[ -d "$existing" ] || fail "$existing is not a directory; choose another --prefix"
[ -w "$existing" ] || fail "cannot write to $existing (choose another --prefix such as ~/.local, or run with sudo)"

# The program to install: the given one, or a fresh release build.
if [ -n "$binary" ]; then
  [ -f "$binary" ] && [ -x "$binary" ] || fail "--binary $binary is not an executable file"
else
  command -v swift >/dev/null || fail "swift is not on PATH; install a Swift 6 toolchain, or pass --binary PATH"
  say "building gatescope (release) in $source_root ..."
  (cd "$source_root" && swift build -c release --product gatescope) || fail "the release build failed (see above)"
  binary="$(cd "$source_root" && swift build -c release --show-bin-path)/gatescope"
  [ -x "$binary" ] || fail "the build did not produce $binary"
fi
version=$("$binary" --version) || fail "$binary --version failed; is it a gatescope build?"
[ -f "$source_root/demos/catalog.tsv" ] || fail "no demos/catalog.tsv in $source_root; run this script from a gatescope checkout"

# Everything is generated into a staging directory first, so a failure leaves the prefix untouched.
stage=$(mktemp -d "${TMPDIR:-/tmp}/gatescope-install.XXXXXX")
trap 'rm -rf -- "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/share/gatescope/demos" "$stage/share/bash-completion/completions" \
  "$stage/share/zsh/site-functions" "$stage/share/fish/vendor_completions.d" "$stage/share/man/man1"
cp -- "$binary" "$stage/bin/gatescope"
chmod 755 "$stage/bin/gatescope"
"$binary" --generate-completion-script bash > "$stage/share/bash-completion/completions/gatescope"
"$binary" --generate-completion-script zsh > "$stage/share/zsh/site-functions/_gatescope"
"$binary" --generate-completion-script fish > "$stage/share/fish/vendor_completions.d/gatescope.fish"
"$binary" generate-manual > "$stage/share/man/man1/gatescope.1"
# The demos: the files git tracks in a checkout (no stray local files), else everything under demos/.
if git -C "$source_root" rev-parse --is-inside-work-tree >/dev/null 2>&1 \
   && [ -n "$(git -C "$source_root" ls-files demos/catalog.tsv)" ]; then
  (cd "$source_root" && git ls-files -z demos | tar --null -T - -cf -) | tar -xf - -C "$stage/share/gatescope"
else
  cp -R -- "$source_root/demos/." "$stage/share/gatescope/demos/"
fi

# Directories the install creates, carried over from an earlier install so --uninstall removes them.
created=$(mktemp "${TMPDIR:-/tmp}/gatescope-dirs.XXXXXX")
trap 'rm -rf -- "$stage" "$created"' EXIT
if [ -f "$manifest" ]; then grep $'^d\t' "$manifest" > "$created" || true; fi

if [ ! -d "$prefix" ]; then
  mkdir -p -- "$prefix" 2>/dev/null || fail "cannot create $prefix (choose another --prefix, or run with sudo)"
  printf 'd\t.\n' >> "$created"
fi
[ -w "$prefix" ] || fail "cannot write to $prefix (choose another --prefix such as ~/.local, or run with sudo)"

# An earlier install's files go first (a file it shipped may no longer be shipped).
if [ -f "$manifest" ]; then remove_listed_files; fi

entries=$(mktemp "${TMPDIR:-/tmp}/gatescope-files.XXXXXX")
trap 'rm -rf -- "$stage" "$created" "$entries"' EXIT
while IFS= read -r -d '' directory; do
  relative=${directory#"$stage"/}
  if [ ! -d "$prefix/$relative" ]; then
    mkdir -- "$prefix/$relative" || fail "cannot create $prefix/$relative"
    printf 'd\t%s\n' "$relative" >> "$created"
  fi
done < <(find "$stage" -mindepth 1 -type d -print0 | sort -z)
while IFS= read -r -d '' file; do
  relative=${file#"$stage"/}
  # Copy beside the target, then rename: a running gatescope is never overwritten in place.
  cp -p -- "$file" "$prefix/$relative.installing" || fail "cannot write $prefix/$relative"
  mv -f -- "$prefix/$relative.installing" "$prefix/$relative"
  printf 'f\t%s\n' "$relative" >> "$entries"
done < <(find "$stage" -type f -print0 | sort -z)
printf 'f\t%s\n' "share/gatescope/install-manifest.txt" >> "$entries"
sort -u "$created" >> "$entries"
cp -- "$entries" "$manifest.installing" && mv -f -- "$manifest.installing" "$manifest"

say "installed $version under $prefix:"
say "  $prefix/bin/gatescope"
say "  $prefix/share/gatescope/demos (demos and lessons)"
say "  completions for bash, zsh and fish; man page $prefix/share/man/man1/gatescope.1"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) say "add $prefix/bin to PATH to run it as gatescope" ;; esac
say "remove it with: scripts/install.sh --prefix '$prefix' --uninstall"
