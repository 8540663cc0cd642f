#ifndef CGATEKERNELS_H
#define CGATEKERNELS_H
#include <stddef.h>

/// The instruction-set variants every kernel is compiled for (x86-64 Linux; elsewhere only the default).
enum { GK_VARIANT_DEFAULT = 0, GK_VARIANT_AVX2 = 1, GK_VARIANT_AVX512 = 2 };

/// The best variant this CPU runs.
int gk_best_variant(void);

/// The variant the kernels use on the calling thread: the forced one, else the process's choice (the
/// best, or the one the environment variable GATESCOPE_KERNELS names: default, avx2 or avx512).
int gk_variant(void);

/// Makes the kernels use `variant` on the calling thread (−1: back to the process's choice), so tests
/// reach every variant. Returns 0, changing nothing, when the CPU cannot run it.
int gk_force_variant(int variant);

/// y[r] += sum_c W[r*cols + c] * x[c] for r in 0..<rows (W row-major).
void gk_matvec_accumulate(const float *W, ptrdiff_t rows, ptrdiff_t cols, const float *x, float *y);

/// Y[t*rows + r] = bias[r] + sum_c W[r*cols + c] * X[t*cols + c], for t in 0..<steps.
/// The whole-sequence input projection: W is read once per block of timesteps.
void gk_project_sequence(const float *W, ptrdiff_t rows, ptrdiff_t cols, const float *bias,
                         const float *X, ptrdiff_t steps, float *Y);

/// One LSTM step's elementwise part. `z` holds the 4H pre-activations (i, f, g, o) including the input
/// and recurrent products and both biases. Adds peepholes (3H: i, f, o; NULL for none), clips the
/// arguments when clip > 0, couples f = 1 − i when `coupled`, updates `cell` in place, writes o⊙tanh(c)
/// to `hidden`, and stores every intermediate into `rows` (10 rows of H, in the order
/// i_pre, f_pre, g_pre, o_pre, i, f, g, o, c, h).
void gk_lstm_pointwise(const float *z, ptrdiff_t H, const float *peepholes, float clip, int coupled,
                       float *cell, float *hidden, float *const *rows);

/// One GRU step's elementwise part (PyTorch form, reset after the recurrent product). `projected` holds
/// W_ih x + b_ih (3H: r, z, n), `recurrent` W_hh h + b_hh (3H). Updates `hidden` and stores into
/// `rows` (8 rows of H): r_pre, z_pre, n_pre, W_hn h + b_hn, r, z, n, h.
void gk_gru_pointwise(const float *projected, const float *recurrent, ptrdiff_t H, float *hidden,
                      float *const *rows);

/// One RNN step's elementwise part: h = tanh(z) or relu(z), storing z and h.
void gk_rnn_pointwise(const float *z, ptrdiff_t H, int relu, float *hidden, float *preactivations, float *hiddens);

/// y[r] += sum_c Wt[c*rows + r] * x[c]: the same product as gk_matvec_accumulate, on W transposed.
void gk_matvec_t_accumulate(const float *Wt, ptrdiff_t rows, ptrdiff_t cols, const float *x, float *y);

/// Y[t*rows + r] = bias[r] + sum_c Wt[c*rows + r] * X[t*cols + c]: the projection on W transposed.
void gk_project_sequence_t(const float *Wt, ptrdiff_t rows, ptrdiff_t cols, const float *bias,
                           const float *X, ptrdiff_t steps, float *Y);

/// B = Aᵀ, with A rows × cols (row-major) and B cols × rows.
void gk_transpose(const float *A, ptrdiff_t rows, ptrdiff_t cols, float *B);

/// Out[c*aCols + r] += sum_t B[t*bCols + c] * A[t*aCols + r] for t in 0..<steps: Bᵀ A, the weight
/// gradient sum over steps of outer products, one row of Out per column of B. A zero entry of B skips
/// that step's row of A (one-hot inputs cost one row each). Summed over t in order, without fused
/// multiply-adds (bit-identical to the plain Swift twin).
void gk_outer_sum_accumulate(const float *A, ptrdiff_t aCols, const float *B, ptrdiff_t bCols, ptrdiff_t steps,
                             float *Out);

/// Y[t*columns + c] = sum_r A[t*rows + r] * W[r*columns + c]: A · W, summed over r in order without
/// fused multiply-adds (bit-identical to the plain Swift twin); zero entries of A are skipped.
void gk_backward_product(const float *A, ptrdiff_t steps, ptrdiff_t rows, const float *W, ptrdiff_t columns,
                         float *Y);

/// One LSTM step of backpropagation through time, elementwise. dh = dhAbove + dhNext;
/// dc = dcNext + dh ⊙ o ⊙ (1 − tanh² c); writes the 4H pre-activation gradients (i, f, g, o) to `dz`,
/// dc to `dcOut`, dc ⊙ f back to `dcNext`, and ‖dh‖, ‖dc‖ (summed in double) to norms[0], norms[1].
/// Uses libm's tanhf and no fused multiply-adds, like the plain Swift twin.
/// `cPrev` is the previous cell row, NULL at the start of the sequence (a zero state).
void gk_lstm_backward_pointwise(const float *dhAbove, const float *dhNext, float *dcNext,
                                const float *i, const float *f, const float *g, const float *o,
                                const float *c, const float *cPrev, ptrdiff_t H,
                                float *dz, float *dcOut, float *norms);

/// One Adam update (PyTorch's rule) over n parameters: m ← β1 m + (1−β1) g, v ← β2 v + (1−β2) g²,
/// p ← p − stepSize · m / (√v / root2 + ε).
void gk_adam_update(float *p, const float *g, float *m, float *v, ptrdiff_t n, float beta1, float beta2,
                    float stepSize, float root2, float epsilon);

/// Σ g² over n values, accumulated in double, in order.
double gk_sum_squares(const float *g, ptrdiff_t n);

/// x[k] *= scale for k in 0..<n.
void gk_scale(float *x, ptrdiff_t n, float scale);

/// y[k] += x[k] for k in 0..<n.
void gk_add(float *y, const float *x, ptrdiff_t n);

/// Asks glibc's allocator to keep freed blocks up to 32 MB in the heap instead of returning them to the
/// system, so training's per-sequence arrays stop costing page faults (15 % of a step, measured with
/// perf). A no-op elsewhere.
void gk_retain_freed_memory(void);

/// The kernels' own exp, σ and tanh, exposed so tests can compare them with libm.
float gk_exp_scalar(float x);
float gk_sigmoid_scalar(float x);
float gk_tanh_scalar(float x);

#endif
