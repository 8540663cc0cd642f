#include "CGateKernels.h"

#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define GK_CLONES __attribute__((target_clones("avx512f", "arch=x86-64-v3", "default")))
#else
#define GK_CLONES
#endif

GK_CLONES
void gk_matvec_accumulate(const float *W, ptrdiff_t rows, ptrdiff_t cols, const float *x, float *y) {
    ptrdiff_t r = 0;
    // Four rows at a time so each load of x feeds four dot products.
    for (; r + 4 <= rows; r += 4) {
#pragma clang fp reassociate(on)
        const float *w0 = W + r * cols, *w1 = w0 + cols, *w2 = w1 + cols, *w3 = w2 + cols;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (ptrdiff_t c = 0; c < cols; c++) {
            float xc = x[c];
            s0 += w0[c] * xc; s1 += w1[c] * xc; s2 += w2[c] * xc; s3 += w3[c] * xc;
        }
        y[r] += s0; y[r + 1] += s1; y[r + 2] += s2; y[r + 3] += s3;
    }
    for (; r < rows; r++) {
#pragma clang fp reassociate(on)
        const float *w = W + r * cols;
        float s = 0;
        for (ptrdiff_t c = 0; c < cols; c++) s += w[c] * x[c];
        y[r] += s;
    }
}

GK_CLONES
void gk_project_sequence(const float *W, ptrdiff_t rows, ptrdiff_t cols, const float *bias,
                         const float *X, ptrdiff_t steps, float *Y) {
    ptrdiff_t t = 0;
    // Four timesteps share each row of W while it is in registers/L1.
    for (; t + 4 <= steps; t += 4) {
        const float *x0 = X + t * cols, *x1 = x0 + cols, *x2 = x1 + cols, *x3 = x2 + cols;
        for (ptrdiff_t r = 0; r < rows; r++) {
#pragma clang fp reassociate(on)
            const float *w = W + r * cols;
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (ptrdiff_t c = 0; c < cols; c++) {
                float wc = w[c];
                s0 += wc * x0[c]; s1 += wc * x1[c]; s2 += wc * x2[c]; s3 += wc * x3[c];
            }
            float b = bias ? bias[r] : 0.0f;
            Y[t * rows + r] = s0 + b;
            Y[(t + 1) * rows + r] = s1 + b;
            Y[(t + 2) * rows + r] = s2 + b;
            Y[(t + 3) * rows + r] = s3 + b;
        }
    }
    for (; t < steps; t++) {
        const float *x = X + t * cols;
        for (ptrdiff_t r = 0; r < rows; r++) {
#pragma clang fp reassociate(on)
            const float *w = W + r * cols;
            float s = 0;
            for (ptrdiff_t c = 0; c < cols; c++) s += w[c] * x[c];
            Y[t * rows + r] = s + (bias ? bias[r] : 0.0f);
        }
    }
}
