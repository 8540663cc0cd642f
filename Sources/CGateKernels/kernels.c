#include "CGateKernels.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#endif

/* Each kernel's body is written once, as an always-inline NAME_body; GK_DISPATCH(NAME, (params), (argument
   names)) then compiles it for AVX-512, AVX2 (x86-64-v3) and the baseline, and defines NAME to call the
   variant chosen once by CPU detection (or forced on the calling thread by gk_force_variant, for tests).
   A new kernel:  GK_BODY void NAME_body(params) { ... }  then  GK_DISPATCH(NAME, (params), (names)).
   GK_DISPATCH_RETURNING(type, NAME, ...) for one that returns a value. A body may call other _body
   functions: they are inlined into the same variant. */
#define GK_BODY static inline __attribute__((always_inline))

#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define GK_VARIANTS 1
#define GK_DISPATCH_(ret, name, params, args, returns)                                                  \
    __attribute__((target("avx512f"))) static ret name##_avx512 params { returns name##_body args; }      \
    __attribute__((target("arch=x86-64-v3"))) static ret name##_avx2 params { returns name##_body args; } \
    static ret name##_default params { returns name##_body args; }                                       \
    ret name params {                                                                                    \
        static ret (*const variants[]) params = { name##_default, name##_avx2, name##_avx512 };         \
        returns variants[gk_current_variant()] args;                                                     \
    }
#else
#define GK_DISPATCH_(ret, name, params, args, returns) ret name params { returns name##_body args; }
#endif
/* Kernels now say GK_BODY + GK_DISPATCH; an old GK_CLONES mark stops the build with this message. */
#define GK_CLONES _Static_assert(0, "GK_CLONES is gone: use GK_BODY NAME_body(...) + GK_DISPATCH(NAME, ...)");
#define GK_DISPATCH(name, params, args) GK_DISPATCH_(void, name, params, args, )
#define GK_DISPATCH_RETURNING(ret, name, params, args) GK_DISPATCH_(ret, name, params, args, return)

/* The variant the process uses, found on first use: the best the CPU runs, or the one GATESCOPE_KERNELS
   names (default, avx2, avx512) when the CPU runs it. Every thread finds the same answer. */
static int gk_chosen_variant = -1;
/* A variant forced on this thread by gk_force_variant, or -1. */
static _Thread_local int gk_forced_variant = -1;

int gk_best_variant(void) {
#ifdef GK_VARIANTS
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return GK_VARIANT_AVX512;
    if (__builtin_cpu_supports("x86-64-v3")) return GK_VARIANT_AVX2;
#endif
    return GK_VARIANT_DEFAULT;
}

static int gk_detect_variant(void) {
    int best = gk_best_variant();
    const char *named = getenv("GATESCOPE_KERNELS");
    if (!named) return best;
    int wanted = strcmp(named, "default") == 0 ? GK_VARIANT_DEFAULT
               : strcmp(named, "avx2") == 0 ? GK_VARIANT_AVX2
               : strcmp(named, "avx512") == 0 ? GK_VARIANT_AVX512 : best;
    return wanted <= best ? wanted : best;
}

static inline int gk_current_variant(void) {
    if (gk_forced_variant >= 0) return gk_forced_variant;
    int chosen = __atomic_load_n(&gk_chosen_variant, __ATOMIC_RELAXED);
    if (chosen < 0) {
        chosen = gk_detect_variant();
        __atomic_store_n(&gk_chosen_variant, chosen, __ATOMIC_RELAXED);
    }
    return chosen;
}

int gk_variant(void) { return gk_current_variant(); }

int gk_force_variant(int variant) {
    if (variant < 0) { gk_forced_variant = -1; return 1; }
    if (variant > gk_best_variant()) return 0;
    gk_forced_variant = variant;
    return 1;
}

GK_BODY
void gk_matvec_accumulate_body(const float *W, ptrdiff_t rows, ptrdiff_t cols, const float *x, float *y) {
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
GK_DISPATCH(gk_matvec_accumulate, (const float *W, ptrdiff_t rows, ptrdiff_t cols, const float *x, float *y),
            (W, rows, cols, x, y))

GK_BODY
void gk_project_sequence_body(const float *W, ptrdiff_t rows, ptrdiff_t cols, const float *bias,
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
GK_DISPATCH(gk_project_sequence, (const float *W, ptrdiff_t rows, ptrdiff_t cols, const float *bias,
            const float *X, ptrdiff_t steps, float *Y),
            (W, rows, cols, bias, X, steps, Y))

/* exp, sigmoid and tanh written branch-free so that clang vectorizes the gate loops (libm's expf and
   tanhf are scalar calls, and were 70% of an LSTM step). Cephes polynomials: within 2 ulp of expf on
   [-87, 88]; tanh within 2e-7 absolute. GateCoreTests compares them with libm over a sweep. */
static inline float gk_exp(float x) {
    const float input = x;
    /* NaN takes the finite path (as 0) so that no NaN reaches the (int) conversion, then comes back out. */
    x = x > 88.3762626647949f ? 88.3762626647949f : (x < -87.3365447504f ? -87.3365447504f : (x == x ? x : 0.0f));
    float fx = floorf(x * 1.44269504088896341f + 0.5f);
    x = x - fx * 0.693359375f + fx * 2.12194440e-4f;
    float z = x * x;
    float y = ((((( 1.9875691500E-4f * x + 1.3981999507E-3f) * x + 8.3334519073E-3f) * x
                 + 4.1665795894E-2f) * x + 1.6666665459E-1f) * x + 5.0000001201E-1f) * z + x + 1.0f;
    int n = (int)fx + 127;  /* in [1, 254]: fx is in [-126, 127] after the clamp */
    union { unsigned int i; float f; } scale = { .i = (unsigned int)n << 23 };
    float result = y * scale.f;
    return input == input ? result : input;
}

static inline float gk_sigmoid(float x) { return 1.0f / (1.0f + gk_exp(-x)); }

static inline float gk_tanh(float x) {
    float z = x * x;
    float small = ((((-5.70498872745E-3f * z + 2.06390887954E-2f) * z - 5.37397155531E-2f) * z
                    + 1.33314422036E-1f) * z - 3.33332819422E-1f) * z * x + x;
    float ax = x < 0 ? -x : x;
    float large = 1.0f - 2.0f / (gk_exp(2.0f * ax) + 1.0f);
    large = x < 0 ? -large : large;
    return ax < 0.625f ? small : large;
}

float gk_exp_scalar(float x) { return gk_exp(x); }
float gk_sigmoid_scalar(float x) { return gk_sigmoid(x); }
float gk_tanh_scalar(float x) { return gk_tanh(x); }

static inline float gk_clip(float x, float limit) { return x < -limit ? -limit : (x > limit ? limit : x); }

GK_BODY
void gk_lstm_pointwise_body(const float *z, ptrdiff_t H, const float *peepholes, float clip, int coupled,
                       float *cell, float *hidden, float *const *rows) {
    float *pre_i = rows[0], *pre_f = rows[1], *pre_g = rows[2], *pre_o = rows[3];
    float *gate_i = rows[4], *gate_f = rows[5], *gate_g = rows[6];
    float *gate_o = rows[7], *cells = rows[8], *hiddens = rows[9];
    if (!peepholes && clip <= 0 && !coupled) {
        /* The common case, with no data-dependent branches: this loop vectorizes. */
        for (ptrdiff_t j = 0; j < H; j++) {
            float zi = z[j], zf = z[H + j], zg = z[2 * H + j], zo = z[3 * H + j];
            float i = gk_sigmoid(zi), f = gk_sigmoid(zf), g = gk_tanh(zg), o = gk_sigmoid(zo);
            float c = f * cell[j] + i * g;
            float h = o * gk_tanh(c);
            cell[j] = c; hidden[j] = h;
            pre_i[j] = zi; pre_f[j] = zf; pre_g[j] = zg; pre_o[j] = zo;
            gate_i[j] = i; gate_f[j] = f; gate_g[j] = g; gate_o[j] = o; cells[j] = c; hiddens[j] = h;
        }
        return;
    }
    for (ptrdiff_t j = 0; j < H; j++) {
        float zi = z[j], zf = z[H + j], zg = z[2 * H + j], zo = z[3 * H + j];
        float previous = cell[j];
        if (peepholes) { zi += peepholes[j] * previous; zf += peepholes[H + j] * previous; }
        if (clip > 0) { zi = gk_clip(zi, clip); zf = gk_clip(zf, clip); zg = gk_clip(zg, clip); }
        float i = gk_sigmoid(zi);
        float f = coupled ? 1.0f - i : gk_sigmoid(zf);
        float g = gk_tanh(zg);
        float c = f * previous + i * g;
        if (peepholes) zo += peepholes[2 * H + j] * c;
        if (clip > 0) zo = gk_clip(zo, clip);
        float o = gk_sigmoid(zo);
        float h = o * gk_tanh(c);
        cell[j] = c; hidden[j] = h;
        pre_i[j] = zi; pre_f[j] = zf; pre_g[j] = zg; pre_o[j] = zo;
        gate_i[j] = i; gate_f[j] = f; gate_g[j] = g; gate_o[j] = o; cells[j] = c; hiddens[j] = h;
    }
}
GK_DISPATCH(gk_lstm_pointwise, (const float *z, ptrdiff_t H, const float *peepholes, float clip, int coupled,
            float *cell, float *hidden, float *const *rows),
            (z, H, peepholes, clip, coupled, cell, hidden, rows))

/* Register-tiled kernels on transposed weights (Wt is cols × rows, so a row of Wt is contiguous over
   outputs). Accumulators are GCC/clang vector types: 16 floats, one AVX-512 register (two AVX2 or
   four SSE registers in the other clones). Outputs are accumulated over the inputs without any
   horizontal reduction, which is what made the dot-product form slow for short rows. */
typedef float gk_v16 __attribute__((vector_size(64), aligned(4)));

/* Macros, not functions: passing 64-byte vectors by value would change the ABI between clones. */
#define gk_load(p) (*(const gk_v16 *)(p))
#define gk_store(p, v) (*(gk_v16 *)(p) = (v))

GK_BODY
void gk_matvec_t_accumulate_body(const float *Wt, ptrdiff_t rows, ptrdiff_t cols, const float *x, float *y) {
    ptrdiff_t r = 0;
    for (; r + 64 <= rows; r += 64) {
        gk_v16 a0 = gk_load(y + r), a1 = gk_load(y + r + 16), a2 = gk_load(y + r + 32), a3 = gk_load(y + r + 48);
        for (ptrdiff_t c = 0; c < cols; c++) {
            const float *w = Wt + c * rows + r;
            float xc = x[c];
            a0 += gk_load(w) * xc; a1 += gk_load(w + 16) * xc; a2 += gk_load(w + 32) * xc; a3 += gk_load(w + 48) * xc;
        }
        gk_store(y + r, a0); gk_store(y + r + 16, a1); gk_store(y + r + 32, a2); gk_store(y + r + 48, a3);
    }
    for (; r + 16 <= rows; r += 16) {
        gk_v16 a0 = gk_load(y + r);
        for (ptrdiff_t c = 0; c < cols; c++) a0 += gk_load(Wt + c * rows + r) * x[c];
        gk_store(y + r, a0);
    }
    for (; r < rows; r++) {
        float s = y[r];
        for (ptrdiff_t c = 0; c < cols; c++) s += Wt[c * rows + r] * x[c];
        y[r] = s;
    }
}
GK_DISPATCH(gk_matvec_t_accumulate, (const float *Wt, ptrdiff_t rows, ptrdiff_t cols, const float *x, float *y),
            (Wt, rows, cols, x, y))

GK_BODY
void gk_project_sequence_t_body(const float *Wt, ptrdiff_t rows, ptrdiff_t cols, const float *bias,
                           const float *X, ptrdiff_t steps, float *Y) {
    ptrdiff_t t = 0;
    for (; t + 4 <= steps; t += 4) {
        const float *x0 = X + t * cols, *x1 = x0 + cols, *x2 = x1 + cols, *x3 = x2 + cols;
        float *y0 = Y + t * rows, *y1 = y0 + rows, *y2 = y1 + rows, *y3 = y2 + rows;
        ptrdiff_t r = 0;
        for (; r + 32 <= rows; r += 32) {
            gk_v16 b0 = bias ? gk_load(bias + r) : (gk_v16){0}, b1 = bias ? gk_load(bias + r + 16) : (gk_v16){0};
            gk_v16 a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1, a30 = b0, a31 = b1;
            for (ptrdiff_t c = 0; c < cols; c++) {
                gk_v16 w0 = gk_load(Wt + c * rows + r), w1 = gk_load(Wt + c * rows + r + 16);
                float v0 = x0[c], v1 = x1[c], v2 = x2[c], v3 = x3[c];
                a00 += w0 * v0; a01 += w1 * v0; a10 += w0 * v1; a11 += w1 * v1;
                a20 += w0 * v2; a21 += w1 * v2; a30 += w0 * v3; a31 += w1 * v3;
            }
            gk_store(y0 + r, a00); gk_store(y0 + r + 16, a01); gk_store(y1 + r, a10); gk_store(y1 + r + 16, a11);
            gk_store(y2 + r, a20); gk_store(y2 + r + 16, a21); gk_store(y3 + r, a30); gk_store(y3 + r + 16, a31);
        }
        for (; r < rows; r++) {
            float b = bias ? bias[r] : 0.0f, s0 = b, s1 = b, s2 = b, s3 = b;
            for (ptrdiff_t c = 0; c < cols; c++) {
                float w = Wt[c * rows + r];
                s0 += w * x0[c]; s1 += w * x1[c]; s2 += w * x2[c]; s3 += w * x3[c];
            }
            y0[r] = s0; y1[r] = s1; y2[r] = s2; y3[r] = s3;
        }
    }
    for (; t < steps; t++) {
        float *y = Y + t * rows;
        for (ptrdiff_t r = 0; r < rows; r++) y[r] = bias ? bias[r] : 0.0f;
        gk_matvec_t_accumulate_body(Wt, rows, cols, X + t * cols, y);
    }
}
GK_DISPATCH(gk_project_sequence_t, (const float *Wt, ptrdiff_t rows, ptrdiff_t cols, const float *bias,
            const float *X, ptrdiff_t steps, float *Y),
            (Wt, rows, cols, bias, X, steps, Y))

void gk_transpose(const float *A, ptrdiff_t rows, ptrdiff_t cols, float *B) {
    for (ptrdiff_t r0 = 0; r0 < rows; r0 += 16)
        for (ptrdiff_t c0 = 0; c0 < cols; c0 += 16)
            for (ptrdiff_t r = r0; r < r0 + 16 && r < rows; r++)
                for (ptrdiff_t c = c0; c < c0 + 16 && c < cols; c++)
                    B[c * rows + r] = A[r * cols + c];
}

GK_BODY
void gk_gru_pointwise_body(const float *projected, const float *recurrent, ptrdiff_t H, float *hidden,
                      float *const *rows) {
    float *pre_r = rows[0], *pre_z = rows[1], *pre_n = rows[2], *term = rows[3];
    float *gate_r = rows[4], *gate_z = rows[5], *gate_n = rows[6], *hiddens = rows[7];
    for (ptrdiff_t j = 0; j < H; j++) {
        float zr = projected[j] + recurrent[j], zz = projected[H + j] + recurrent[H + j];
        float r = gk_sigmoid(zr), z = gk_sigmoid(zz);
        float hn = recurrent[2 * H + j];
        float zn = projected[2 * H + j] + r * hn;
        float n = gk_tanh(zn);
        float h = (1.0f - z) * n + z * hidden[j];
        hidden[j] = h;
        pre_r[j] = zr; pre_z[j] = zz; pre_n[j] = zn; term[j] = hn;
        gate_r[j] = r; gate_z[j] = z; gate_n[j] = n; hiddens[j] = h;
    }
}
GK_DISPATCH(gk_gru_pointwise, (const float *projected, const float *recurrent, ptrdiff_t H, float *hidden,
            float *const *rows),
            (projected, recurrent, H, hidden, rows))

GK_BODY
void gk_rnn_pointwise_body(const float *z, ptrdiff_t H, int relu, float *hidden, float *preactivations, float *hiddens) {
    if (relu) {
        for (ptrdiff_t j = 0; j < H; j++) {
            float v = z[j] > 0 ? z[j] : 0.0f;
            hidden[j] = v; preactivations[j] = z[j]; hiddens[j] = v;
        }
    } else {
        for (ptrdiff_t j = 0; j < H; j++) {
            float v = gk_tanh(z[j]);
            hidden[j] = v; preactivations[j] = z[j]; hiddens[j] = v;
        }
    }
}
GK_DISPATCH(gk_rnn_pointwise, (const float *z, ptrdiff_t H, int relu, float *hidden, float *preactivations,
            float *hiddens),
            (z, H, relu, hidden, preactivations, hiddens))

GK_BODY
void gk_outer_sum_accumulate_body(const float *A, ptrdiff_t aCols, const float *B, ptrdiff_t bCols, ptrdiff_t steps,
                             float *Out) {
#pragma clang fp contract(off)
    for (ptrdiff_t c = 0; c < bCols; c++) {
        float *out = Out + c * aCols;
        ptrdiff_t r = 0;
        for (; r + 64 <= aCols; r += 64) {
            gk_v16 a0 = gk_load(out + r), a1 = gk_load(out + r + 16), a2 = gk_load(out + r + 32), a3 = gk_load(out + r + 48);
            for (ptrdiff_t t = 0; t < steps; t++) {
                float b = B[t * bCols + c];
                if (b == 0.0f) continue;
                const float *x = A + t * aCols + r;
                a0 += gk_load(x) * b; a1 += gk_load(x + 16) * b; a2 += gk_load(x + 32) * b; a3 += gk_load(x + 48) * b;
            }
            gk_store(out + r, a0); gk_store(out + r + 16, a1); gk_store(out + r + 32, a2); gk_store(out + r + 48, a3);
        }
        for (; r + 16 <= aCols; r += 16) {
            gk_v16 a0 = gk_load(out + r);
            for (ptrdiff_t t = 0; t < steps; t++) {
                float b = B[t * bCols + c];
                if (b == 0.0f) continue;
                a0 += gk_load(A + t * aCols + r) * b;
            }
            gk_store(out + r, a0);
        }
        for (; r < aCols; r++) {
            float s = out[r];
            for (ptrdiff_t t = 0; t < steps; t++) {
                float b = B[t * bCols + c];
                if (b == 0.0f) continue;
                s += A[t * aCols + r] * b;
            }
            out[r] = s;
        }
    }
}
GK_DISPATCH(gk_outer_sum_accumulate, (const float *A, ptrdiff_t aCols, const float *B, ptrdiff_t bCols,
            ptrdiff_t steps, float *Out),
            (A, aCols, B, bCols, steps, Out))

GK_BODY
void gk_lstm_backward_pointwise_body(const float *dhAbove, const float *dhNext, float *dcNext,
                                const float *gi, const float *gf, const float *gg, const float *go,
                                const float *cells, const float *cPrev, ptrdiff_t H,
                                float *dz, float *dcOut, float *norms) {
#pragma clang fp contract(off)
    double sh = 0, sc = 0;
    for (ptrdiff_t j = 0; j < H; j++) {
        float dh = dhAbove[j] + dhNext[j];
        float tc = tanhf(cells[j]);
        float i = gi[j], f = gf[j], g = gg[j], o = go[j];
        float dc = dcNext[j] + dh * o * (1.0f - tc * tc);
        float previous = cPrev ? cPrev[j] : 0.0f;
        dz[j] = dc * g * i * (1.0f - i);
        dz[H + j] = dc * previous * f * (1.0f - f);
        dz[2 * H + j] = dc * i * (1.0f - g * g);
        dz[3 * H + j] = dh * tc * o * (1.0f - o);
        dcNext[j] = dc * f;
        dcOut[j] = dc;
        sh += (double)dh * (double)dh;
        sc += (double)dc * (double)dc;
    }
    norms[0] = (float)__builtin_sqrt(sh);
    norms[1] = (float)__builtin_sqrt(sc);
}
GK_DISPATCH(gk_lstm_backward_pointwise, (const float *dhAbove, const float *dhNext, float *dcNext,
            const float *gi, const float *gf, const float *gg, const float *go, const float *cells,
            const float *cPrev, ptrdiff_t H, float *dz, float *dcOut, float *norms),
            (dhAbove, dhNext, dcNext, gi, gf, gg, go, cells, cPrev, H, dz, dcOut, norms))

GK_BODY
void gk_adam_update_body(float *p, const float *g, float *m, float *v, ptrdiff_t n, float beta1, float beta2,
                    float stepSize, float root2, float epsilon) {
#pragma clang fp contract(off)
    for (ptrdiff_t k = 0; k < n; k++) {
        float gk = g[k];
        float mk = beta1 * m[k] + (1.0f - beta1) * gk;
        float vk = beta2 * v[k] + (1.0f - beta2) * gk * gk;
        m[k] = mk; v[k] = vk;
        p[k] -= stepSize * mk / (__builtin_sqrtf(vk) / root2 + epsilon);
    }
}
GK_DISPATCH(gk_adam_update, (float *p, const float *g, float *m, float *v, ptrdiff_t n, float beta1, float beta2,
            float stepSize, float root2, float epsilon),
            (p, g, m, v, n, beta1, beta2, stepSize, root2, epsilon))

GK_BODY
double gk_sum_squares_body(const float *g, ptrdiff_t n) {
#pragma clang fp contract(off)
    double s = 0;
    for (ptrdiff_t k = 0; k < n; k++) s += (double)g[k] * (double)g[k];
    return s;
}
GK_DISPATCH_RETURNING(double, gk_sum_squares, (const float *g, ptrdiff_t n), (g, n))

GK_BODY
void gk_scale_body(float *x, ptrdiff_t n, float scale) {
    for (ptrdiff_t k = 0; k < n; k++) x[k] *= scale;
}
GK_DISPATCH(gk_scale, (float *x, ptrdiff_t n, float scale), (x, n, scale))

GK_BODY
void gk_add_body(float *y, const float *x, ptrdiff_t n) {
    for (ptrdiff_t k = 0; k < n; k++) y[k] += x[k];
}
GK_DISPATCH(gk_add, (float *y, const float *x, ptrdiff_t n), (y, x, n))

GK_BODY
void gk_backward_product_body(const float *A, ptrdiff_t steps, ptrdiff_t rows, const float *W, ptrdiff_t columns,
                         float *Y) {
#pragma clang fp contract(off)
    for (ptrdiff_t t = 0; t < steps; t++) {
        const float *a = A + t * rows;
        float *y = Y + t * columns;
        ptrdiff_t c = 0;
        for (; c + 64 <= columns; c += 64) {
            gk_v16 a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
            for (ptrdiff_t r = 0; r < rows; r++) {
                float s = a[r];
                if (s == 0.0f) continue;
                const float *w = W + r * columns + c;
                a0 += gk_load(w) * s; a1 += gk_load(w + 16) * s; a2 += gk_load(w + 32) * s; a3 += gk_load(w + 48) * s;
            }
            gk_store(y + c, a0); gk_store(y + c + 16, a1); gk_store(y + c + 32, a2); gk_store(y + c + 48, a3);
        }
        for (; c + 16 <= columns; c += 16) {
            gk_v16 a0 = {0};
            for (ptrdiff_t r = 0; r < rows; r++) {
                float s = a[r];
                if (s == 0.0f) continue;
                a0 += gk_load(W + r * columns + c) * s;
            }
            gk_store(y + c, a0);
        }
        for (; c < columns; c++) {
            float sum = 0;
            for (ptrdiff_t r = 0; r < rows; r++) {
                float s = a[r];
                if (s == 0.0f) continue;
                sum += W[r * columns + c] * s;
            }
            y[c] = sum;
        }
    }
}
GK_DISPATCH(gk_backward_product, (const float *A, ptrdiff_t steps, ptrdiff_t rows, const float *W,
            ptrdiff_t columns, float *Y),
            (A, steps, rows, W, columns, Y))

void gk_retain_freed_memory(void) {
#if defined(__linux__) && defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
}
