#ifndef GATESCOPE_HDF5_SHIM_H
#define GATESCOPE_HDF5_SHIM_H
// Debian's libhdf5-dev keeps its headers in /usr/include/hdf5/serial, which SwiftPM would only learn
// from pkg-config cflags (dropped with a warning), so the header is named by its full path here.
#include "/usr/include/hdf5/serial/hdf5.h"

// HDF5's predefined types and property lists are macros over globals that Swift cannot import;
// these static inline accessors stand in for them.

static inline hid_t gs_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t gs_h5p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t gs_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t gs_h5e_default(void) { return H5E_DEFAULT; }
static inline hid_t gs_h5s_all(void) { return H5S_ALL; }
static inline unsigned gs_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }

/// The type of link `name` in `loc` (H5L_TYPE_HARD, _SOFT, _EXTERNAL), or -1 on error. H5Lget_info is
/// a versioned macro (H5Lget_info2 from HDF5 1.12, a function in 1.10), which C resolves and Swift cannot.
static inline int gs_link_type(hid_t loc, const char *name, hid_t lapl) {
    H5L_info_t info;
    if (H5Lget_info(loc, name, &info, lapl) < 0) return -1;
    return (int)info.type;
}
#endif
