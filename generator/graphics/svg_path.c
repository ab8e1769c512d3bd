/* svg_path.c — SVG path data: the number grammar, the path-data parser
 * (M L H V C S Q T A Z, absolute and relative, implicit repeats) and the
 * conversion of elliptical arcs and quadratic curves to cubic Béziers, into
 * a growable segment list in user units. */
#include "graphics_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SEGMENTS GR_SVGPATH_MAX_SEGMENTS   /* one path never holds more */
#define GR_PI 3.14159265358979323846

/* ---- segment list ---------------------------------------------------- */

void gr_svgpath_free(gr_svgpath *p)
{
    free(p->seg);
    p->seg = NULL;
    p->n = p->cap = 0;
}

static gr_seg *push_seg(gr_svgpath *p, int op)
{
    gr_seg *s;
    p->seg = gr_grow(p->seg, &p->cap, p->n + 1, sizeof *p->seg);
    s = &p->seg[p->n++];
    memset(s, 0, sizeof *s);
    s->op = op;
    return s;
}

void gr_svgpath_move(gr_svgpath *p, double x, double y)
{
    gr_seg *s = push_seg(p, GR_SEG_MOVE);
    s->p[0] = x;
    s->p[1] = y;
}

void gr_svgpath_line(gr_svgpath *p, double x, double y)
{
    gr_seg *s = push_seg(p, GR_SEG_LINE);
    s->p[0] = x;
    s->p[1] = y;
}

void gr_svgpath_curve(gr_svgpath *p, double x1, double y1, double x2,
                      double y2, double x, double y)
{
    gr_seg *s = push_seg(p, GR_SEG_CURVE);
    s->p[0] = x1; s->p[1] = y1;
    s->p[2] = x2; s->p[3] = y2;
    s->p[4] = x;  s->p[5] = y;
}

void gr_svgpath_close(gr_svgpath *p)
{
    push_seg(p, GR_SEG_CLOSE);
}

/* ---- arcs (SVG 1.1 implementation notes F.6.5 and F.6.6) ------------- */

static double vector_angle(double ux, double uy, double vx, double vy)
{
    return atan2(ux * vy - uy * vx, ux * vx + uy * vy);
}

/* One cubic for the unit-circle arc from angle a to angle b (|b-a| <= 90°),
 * mapped through the ellipse (centre, radii, rotation). */
static void arc_piece(gr_svgpath *p, double cx, double cy, double rx, double ry,
                      double cosr, double sinr, double a, double b)
{
    double k = 4.0 / 3.0 * tan((b - a) / 4.0);
    double u[3], v[3], px[3], py[3];
    int i;
    u[0] = cos(a) - k * sin(a);  v[0] = sin(a) + k * cos(a);
    u[1] = cos(b) + k * sin(b);  v[1] = sin(b) - k * cos(b);
    u[2] = cos(b);               v[2] = sin(b);
    for (i = 0; i < 3; i++) {
        px[i] = cx + rx * cosr * u[i] - ry * sinr * v[i];
        py[i] = cy + rx * sinr * u[i] + ry * cosr * v[i];
    }
    gr_svgpath_curve(p, px[0], py[0], px[1], py[1], px[2], py[2]);
}

void gr_svgpath_arc(gr_svgpath *p, double x0, double y0, double rx, double ry,
                    double rot_deg, int large, int sweep, double x, double y)
{
    double rot = rot_deg * GR_PI / 180.0, cosr = cos(rot), sinr = sin(rot);
    double dx2, dy2, x1p, y1p, lambda, num, den, coef, cxp, cyp, cx, cy;
    double theta1, dtheta;
    int nseg, i;
    if (x0 == x && y0 == y)
        return;
    rx = fabs(rx);
    ry = fabs(ry);
    if (rx == 0 || ry == 0) {
        gr_svgpath_line(p, x, y);
        return;
    }
    dx2 = (x0 - x) / 2;
    dy2 = (y0 - y) / 2;
    x1p = cosr * dx2 + sinr * dy2;
    y1p = -sinr * dx2 + cosr * dy2;
    lambda = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry);
    if (lambda > 1) {
        rx *= sqrt(lambda);
        ry *= sqrt(lambda);
    }
    num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
    den = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
    coef = (den > 0 && num > 0) ? sqrt(num / den) : 0;
    if (large == sweep)
        coef = -coef;
    cxp = coef * rx * y1p / ry;
    cyp = -coef * ry * x1p / rx;
    cx = cosr * cxp - sinr * cyp + (x0 + x) / 2;
    cy = sinr * cxp + cosr * cyp + (y0 + y) / 2;
    theta1 = vector_angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry);
    dtheta = vector_angle((x1p - cxp) / rx, (y1p - cyp) / ry,
                          (-x1p - cxp) / rx, (-y1p - cyp) / ry);
    if (!sweep && dtheta > 0)
        dtheta -= 2 * GR_PI;
    else if (sweep && dtheta < 0)
        dtheta += 2 * GR_PI;
    nseg = (int)ceil(fabs(dtheta) / (GR_PI / 2) - 1e-9);
    if (nseg < 1) nseg = 1;
    if (nseg > 4) nseg = 4;
    for (i = 0; i < nseg; i++) {
        double a = theta1 + dtheta * i / nseg;
        double b = theta1 + dtheta * (i + 1) / nseg;
        arc_piece(p, cx, cy, rx, ry, cosr, sinr, a, b);
    }
    /* land exactly on the requested end point */
    p->seg[p->n - 1].p[4] = x;
    p->seg[p->n - 1].p[5] = y;
}

/* ---- numbers --------------------------------------------------------- */

size_t gr_svg_number(const char *s, double *v)
{
    const char *q = s;
    double mant = 0;
    int sign = 1, exp10 = 0, digits = 0;
    if (*q == '+' || *q == '-') {
        if (*q == '-') sign = -1;
        q++;
    }
    while (*q >= '0' && *q <= '9') {
        if (mant < 1e17) mant = mant * 10 + (*q - '0');
        else exp10++;
        q++;
        digits++;
    }
    if (*q == '.' && q[1] >= '0' && q[1] <= '9') {
        q++;
        while (*q >= '0' && *q <= '9') {
            if (mant < 1e17) { mant = mant * 10 + (*q - '0'); exp10--; }
            q++;
            digits++;
        }
    } else if (*q == '.' && digits > 0) {
        q++;                                /* "5." */
    }
    if (digits == 0)
        return 0;
    if ((*q == 'e' || *q == 'E') &&
        ((q[1] >= '0' && q[1] <= '9') ||
         ((q[1] == '+' || q[1] == '-') && q[2] >= '0' && q[2] <= '9'))) {
        int esign = 1, e = 0;
        q++;
        if (*q == '+' || *q == '-') {
            if (*q == '-') esign = -1;
            q++;
        }
        while (*q >= '0' && *q <= '9') {
            if (e < 10000) e = e * 10 + (*q - '0');
            q++;
        }
        exp10 += esign * e;
    }
    if (exp10 > 400 || exp10 < -400)
        *v = exp10 > 0 && mant != 0 ? HUGE_VAL : 0;
    else
        *v = sign * mant * pow(10.0, exp10);
    if (!isfinite(*v))
        return 0;
    return (size_t)(q - s);
}

/* ---- path data ------------------------------------------------------- */

typedef struct path_reader {
    const char *d;
    size_t pos;
} path_reader;

static int is_wsp(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void skip_wsp(path_reader *r)
{
    while (is_wsp(r->d[r->pos]))
        r->pos++;
}

/* Whitespace and at most one comma between arguments. */
static void skip_sep(path_reader *r)
{
    skip_wsp(r);
    if (r->d[r->pos] == ',') {
        r->pos++;
        skip_wsp(r);
    }
}

static int read_num(path_reader *r, double *v)
{
    size_t n;
    skip_sep(r);
    n = gr_svg_number(r->d + r->pos, v);
    if (n == 0)
        return -1;
    r->pos += n;
    return 0;
}

static int read_flag(path_reader *r, int *f)
{
    skip_sep(r);
    if (r->d[r->pos] != '0' && r->d[r->pos] != '1')
        return -1;
    *f = r->d[r->pos] - '0';
    r->pos++;
    return 0;
}

/* 1 if another argument group follows (implicit repetition). */
static int more_args(path_reader *r)
{
    char c;
    size_t save = r->pos;
    skip_sep(r);
    c = r->d[r->pos];
    r->pos = save;
    return c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9');
}

typedef struct path_state {
    double x, y;             /* current point */
    double sx, sy;           /* start of the subpath */
    double cx, cy;           /* last control point (for S and T) */
    char last;               /* previous command, upper case */
    int started;             /* a subpath has been opened */
} path_state;

static int do_command(path_reader *r, gr_svgpath *out, path_state *st, char cmd)
{
    int rel = (cmd >= 'a' && cmd <= 'z');
    char up = (char)(rel ? cmd - 32 : cmd);
    double ox = rel ? st->x : 0, oy = rel ? st->y : 0;
    double a[7];
    int fl[2];
    switch (up) {
    case 'M':
        if (read_num(r, &a[0]) || read_num(r, &a[1])) return -1;
        st->x = st->sx = ox + a[0];
        st->y = st->sy = oy + a[1];
        gr_svgpath_move(out, st->x, st->y);
        st->started = 1;
        st->last = 'M';
        return 0;
    case 'Z':
        gr_svgpath_close(out);
        st->x = st->sx;
        st->y = st->sy;
        st->last = 'Z';
        return 0;
    default:
        break;
    }
    if (!st->started) {
        gr_svgpath_move(out, st->x, st->y);   /* lenient: implicit M 0 0 */
        st->started = 1;
    }
    if (st->last == 'Z')
        gr_svgpath_move(out, st->x, st->y);   /* a new subpath after Z */
    switch (up) {
    case 'L':
        if (read_num(r, &a[0]) || read_num(r, &a[1])) return -1;
        st->x = ox + a[0];
        st->y = oy + a[1];
        gr_svgpath_line(out, st->x, st->y);
        break;
    case 'H':
        if (read_num(r, &a[0])) return -1;
        st->x = ox + a[0];
        gr_svgpath_line(out, st->x, st->y);
        break;
    case 'V':
        if (read_num(r, &a[0])) return -1;
        st->y = oy + a[0];
        gr_svgpath_line(out, st->x, st->y);
        break;
    case 'C':
        if (read_num(r, &a[0]) || read_num(r, &a[1]) || read_num(r, &a[2]) ||
            read_num(r, &a[3]) || read_num(r, &a[4]) || read_num(r, &a[5]))
            return -1;
        gr_svgpath_curve(out, ox + a[0], oy + a[1], ox + a[2], oy + a[3],
                         ox + a[4], oy + a[5]);
        st->cx = ox + a[2];
        st->cy = oy + a[3];
        st->x = ox + a[4];
        st->y = oy + a[5];
        break;
    case 'S': {
        double c1x = st->x, c1y = st->y;
        if (read_num(r, &a[0]) || read_num(r, &a[1]) || read_num(r, &a[2]) ||
            read_num(r, &a[3]))
            return -1;
        if (st->last == 'C' || st->last == 'S') {
            c1x = 2 * st->x - st->cx;
            c1y = 2 * st->y - st->cy;
        }
        gr_svgpath_curve(out, c1x, c1y, ox + a[0], oy + a[1], ox + a[2], oy + a[3]);
        st->cx = ox + a[0];
        st->cy = oy + a[1];
        st->x = ox + a[2];
        st->y = oy + a[3];
        break;
    }
    case 'Q':
    case 'T': {
        double qx, qy, ex, ey;
        if (up == 'Q') {
            if (read_num(r, &a[0]) || read_num(r, &a[1]) || read_num(r, &a[2]) ||
                read_num(r, &a[3]))
                return -1;
            qx = ox + a[0]; qy = oy + a[1];
            ex = ox + a[2]; ey = oy + a[3];
        } else {
            if (read_num(r, &a[0]) || read_num(r, &a[1])) return -1;
            qx = st->x; qy = st->y;
            if (st->last == 'Q' || st->last == 'T') {
                qx = 2 * st->x - st->cx;
                qy = 2 * st->y - st->cy;
            }
            ex = ox + a[0]; ey = oy + a[1];
        }
        gr_svgpath_curve(out, st->x + 2.0 / 3.0 * (qx - st->x),
                         st->y + 2.0 / 3.0 * (qy - st->y),
                         ex + 2.0 / 3.0 * (qx - ex), ey + 2.0 / 3.0 * (qy - ey),
                         ex, ey);
        st->cx = qx;
        st->cy = qy;
        st->x = ex;
        st->y = ey;
        break;
    }
    case 'A':
        if (read_num(r, &a[0]) || read_num(r, &a[1]) || read_num(r, &a[2]) ||
            read_flag(r, &fl[0]) || read_flag(r, &fl[1]) ||
            read_num(r, &a[3]) || read_num(r, &a[4]))
            return -1;
        gr_svgpath_arc(out, st->x, st->y, a[0], a[1], a[2], fl[0], fl[1],
                       ox + a[3], oy + a[4]);
        st->x = ox + a[3];
        st->y = oy + a[4];
        break;
    default:
        return -1;
    }
    st->last = up;
    return 0;
}

int gr_svgpath_parse(const char *d, gr_svgpath *out, size_t *err_pos)
{
    path_reader r;
    path_state st;
    r.d = d;
    r.pos = 0;
    memset(&st, 0, sizeof st);
    skip_wsp(&r);
    if (d[0] && d[r.pos] != 'M' && d[r.pos] != 'm') {   /* must start with M */
        *err_pos = r.pos;
        return -1;
    }
    while (d[r.pos]) {
        char cmd = d[r.pos];
        size_t at = r.pos;
        if (!strchr("MmLlHhVvCcSsQqTtAaZz", cmd)) {
            *err_pos = r.pos;
            return -1;
        }
        r.pos++;
        if (do_command(&r, out, &st, cmd) != 0) {
            *err_pos = r.pos > at ? r.pos : at;
            return -1;
        }
        /* implicit repetition: after M/m the pairs are L/l */
        while (cmd != 'Z' && cmd != 'z' && more_args(&r)) {
            char again = cmd == 'M' ? 'L' : cmd == 'm' ? 'l' : cmd;
            if (out->n > MAX_SEGMENTS) {
                *err_pos = r.pos;
                return -2;
            }
            if (do_command(&r, out, &st, again) != 0) {
                *err_pos = r.pos;
                return -1;
            }
        }
        if (out->n > MAX_SEGMENTS) {
            *err_pos = r.pos;
            return -2;
        }
        skip_sep(&r);
    }
    return 0;
}
