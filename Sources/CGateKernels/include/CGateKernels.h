#ifndef CGATEKERNELS_H
#define CGATEKERNELS_H
#include <stddef.h>

/// y[r] += sum_c W[r*cols + c] * x[c] for r in 0..<rows (W row-major).
void gk_matvec_accumulate(const float *W, ptrdiff_t rows, ptrdiff_t cols, const float *x, float *y);

/// Y[t*rows + r] = bias[r] + sum_c W[r*cols + c] * X[t*cols + c], for t in 0..<steps.
/// The whole-sequence input projection: W is read once per block of timesteps.
void gk_project_sequence(const float *W, ptrdiff_t rows, ptrdiff_t cols, const float *bias,
                         const float *X, ptrdiff_t steps, float *Y);

#endif
