/* articlelint.loading._yamlc: the compiled loading path.
 *
 * Builds the same tree as yamltree._build_from_events (the pure-Python fast path) straight
 * from libyaml's C event stream: no Python object per YAML event, no node graph. The values
 * (dicts, lists, str, bool, int, None), one NodeInfo per value (spans made on demand from
 * the marks kept in a Marks table, one C struct per value) and the ambiguities come out.
 *
 * Anything unusual -- a syntax error, a version or tag directive, a tag, an anchor or alias,
 * a complex or duplicate key, nesting deeper than MAX_DEPTH, several documents -- returns
 * None, and the caller uses the reference loader, exactly as the pure-Python fast path does.
 * Plain scalars are resolved here with exact transcriptions of PyYAML's implicit resolver
 * patterns (tests compare them with PyYAML's regular expressions); floats, and integers
 * other than plain decimals, are built by the Python helper (PyYAML's constructor), so
 * every value is the object the reference loader makes.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <yaml.h>

#ifndef Py_T_OBJECT_EX
#define Py_T_OBJECT_EX T_OBJECT_EX
#endif

#define MAX_DEPTH 64

/* ------------------------------------------------------------------ the marks table */

typedef struct {
    yaml_mark_t key_start, key_end, start, end;
    int has_key;
} NodeMarks;

typedef struct {
    PyObject_HEAD
    NodeMarks *items;
    Py_ssize_t size;
    Py_ssize_t capacity;
    PyObject *origin; /* yamltree._Origin: turns marks into spans */
} MarksObject;

static PyTypeObject MarksType;

static void
Marks_dealloc(MarksObject *self)
{
    PyObject_GC_UnTrack(self);
    PyMem_Free(self->items);
    Py_CLEAR(self->origin);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
Marks_traverse(MarksObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->origin);
    return 0;
}

static int
Marks_clear(MarksObject *self)
{
    Py_CLEAR(self->origin);
    return 0;
}

static PyObject *
Marks_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyObject *origin;
    if (!PyArg_ParseTuple(args, "O:Marks", &origin))
        return NULL;
    MarksObject *self = (MarksObject *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->items = NULL;
    self->size = self->capacity = 0;
    Py_INCREF(origin);
    self->origin = origin;
    return (PyObject *)self;
}

static Py_ssize_t
Marks_append(MarksObject *self)
{
    if (self->size == self->capacity) {
        Py_ssize_t capacity = self->capacity ? self->capacity * 2 : 64;
        NodeMarks *items = PyMem_Realloc(self->items, capacity * sizeof(NodeMarks));
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        self->items = items;
        self->capacity = capacity;
    }
    memset(&self->items[self->size], 0, sizeof(NodeMarks));
    return self->size++;
}

static PyObject *str_span_of; /* "span_of" */

static NodeMarks *
Marks_get(MarksObject *self, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    if (n < 0 || n >= self->size) {
        PyErr_SetString(PyExc_IndexError, "no such node");
        return NULL;
    }
    return &self->items[n];
}

static PyObject *
call_span_of(MarksObject *self, yaml_mark_t *start, yaml_mark_t *end)
{
    PyObject *method = PyObject_GetAttr(self->origin, str_span_of);
    if (method == NULL)
        return NULL;
    PyObject *result = PyObject_CallFunction(
        method, "nnnnnn", (Py_ssize_t)start->line, (Py_ssize_t)start->column,
        (Py_ssize_t)start->index, (Py_ssize_t)end->line, (Py_ssize_t)end->column,
        (Py_ssize_t)end->index);
    Py_DECREF(method);
    return result;
}

static PyObject *
Marks_key_span(MarksObject *self, PyObject *arg)
{
    NodeMarks *item = Marks_get(self, arg);
    if (item == NULL)
        return NULL;
    if (!item->has_key)
        Py_RETURN_NONE;
    return call_span_of(self, &item->key_start, &item->key_end);
}

static PyObject *
Marks_value_span(MarksObject *self, PyObject *arg)
{
    NodeMarks *item = Marks_get(self, arg);
    if (item == NULL)
        return NULL;
    return call_span_of(self, &item->start, &item->end);
}

static Py_ssize_t
Marks_len(MarksObject *self)
{
    return self->size;
}

static PyMethodDef Marks_methods[] = {
    {"key_span", (PyCFunction)Marks_key_span, METH_O,
     "The span of node n's mapping key, or None (a list item, the root)."},
    {"value_span", (PyCFunction)Marks_value_span, METH_O, "The span of node n's value."},
    {NULL}};

static PySequenceMethods Marks_as_sequence = {
    .sq_length = (lenfunc)Marks_len,
};

static PyTypeObject MarksType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "articlelint.loading._yamlc.Marks",
    .tp_doc = "Where each value of one document is: libyaml's marks, turned into spans by "
              "the origin on demand.",
    .tp_basicsize = sizeof(MarksObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = Marks_new,
    .tp_dealloc = (destructor)Marks_dealloc,
    .tp_traverse = (traverseproc)Marks_traverse,
    .tp_clear = (inquiry)Marks_clear,
    .tp_methods = Marks_methods,
    .tp_as_sequence = &Marks_as_sequence,
};

/* ------------------------------------------------------------------ configuration */

/* Set once by configure(): NodeInfo and the offsets of its slots, the Python helpers. */
static PyTypeObject *node_type;
static Py_ssize_t off_key, off_value, off_src, off_n, off_style, off_tag;
static PyObject *plain_value;    /* _plain_value(tag, text) -> value */
static PyObject *resolve_plain;  /* _resolve_plain(text) -> tag (for what C does not do) */
static PyObject *note_ambiguity; /* (ambiguities, path, marks, n, text, tag) -> None */

static PyObject *tag_str, *tag_int, *tag_float, *tag_bool, *tag_null, *tag_timestamp,
    *tag_merge, *tag_value, *tag_map, *tag_seq;
static PyObject *style_single, *style_double, *style_literal, *style_folded;

static int
slot_offset(PyTypeObject *type, const char *name, Py_ssize_t *offset)
{
    PyObject *descr = PyDict_GetItemString(type->tp_dict, name); /* borrowed */
    if (descr == NULL || !Py_IS_TYPE(descr, &PyMemberDescr_Type)) {
        PyErr_Format(PyExc_TypeError, "%s.%s is not a slot", type->tp_name, name);
        return -1;
    }
    PyMemberDef *member = ((PyMemberDescrObject *)descr)->d_member;
    if (member->type != Py_T_OBJECT_EX) {
        PyErr_Format(PyExc_TypeError, "%s.%s is not an object slot", type->tp_name, name);
        return -1;
    }
    *offset = member->offset;
    return 0;
}

static PyObject *
configure(PyObject *module, PyObject *args)
{
    PyObject *type, *plain, *resolve, *note;
    if (!PyArg_ParseTuple(args, "O!OOO:configure", &PyType_Type, &type, &plain, &resolve,
                          &note))
        return NULL;
    PyTypeObject *t = (PyTypeObject *)type;
    if (slot_offset(t, "_key", &off_key) < 0 || slot_offset(t, "_value", &off_value) < 0 ||
        slot_offset(t, "_src", &off_src) < 0 || slot_offset(t, "_n", &off_n) < 0 ||
        slot_offset(t, "style", &off_style) < 0 || slot_offset(t, "tag", &off_tag) < 0)
        return NULL;
    if (t->tp_dictoffset != 0) {
        PyErr_SetString(PyExc_TypeError, "NodeInfo must have __slots__ only");
        return NULL;
    }
    Py_INCREF(type);
    Py_XSETREF(node_type, t);
    Py_INCREF(plain);
    Py_XSETREF(plain_value, plain);
    Py_INCREF(resolve);
    Py_XSETREF(resolve_plain, resolve);
    Py_INCREF(note);
    Py_XSETREF(note_ambiguity, note);
    Py_RETURN_NONE;
}

#define SLOT(obj, offset) (*(PyObject **)((char *)(obj) + (offset)))

/* A new NodeInfo whose spans come from marks[n]; references to src/style/tag are new. */
static PyObject *
new_node(MarksObject *marks, Py_ssize_t n, PyObject *style, PyObject *tag)
{
    PyObject *number = PyLong_FromSsize_t(n);
    if (number == NULL)
        return NULL;
    PyObject *node = node_type->tp_alloc(node_type, 0);
    if (node == NULL) {
        Py_DECREF(number);
        return NULL;
    }
    Py_INCREF(Py_None);
    SLOT(node, off_key) = Py_None;
    Py_INCREF(Py_None);
    SLOT(node, off_value) = Py_None;
    Py_INCREF(marks);
    SLOT(node, off_src) = (PyObject *)marks;
    SLOT(node, off_n) = number;
    Py_INCREF(style);
    SLOT(node, off_style) = style;
    Py_INCREF(tag);
    SLOT(node, off_tag) = tag;
    return node;
}

/* ------------------------------------------------------------------ plain scalars */

#define DIGIT(c) ((c) >= '0' && (c) <= '9')

/* Exact transcriptions of PyYAML's implicit resolvers (yaml/resolver.py), for text that
 * does not end with a line break (Python's `$` also matches before a final "\n"; such
 * text goes to the Python resolver). Each returns whether s[0:len] matches in full. */

static int
match_bool(const char *s, Py_ssize_t len)
{
    static const char *words[] = {"yes",  "Yes",  "YES",   "no",    "No",    "NO",
                                  "true", "True", "TRUE",  "false", "False", "FALSE",
                                  "on",   "On",   "ON",    "off",   "Off",   "OFF",
                                  NULL};
    for (int i = 0; words[i]; i++)
        if ((Py_ssize_t)strlen(words[i]) == len && memcmp(words[i], s, len) == 0)
            return 1;
    return 0;
}

/* [eE][-+][0-9]+ at s[*i], optional: advance when present. */
static void
skip_exponent(const char *s, Py_ssize_t len, Py_ssize_t *i)
{
    Py_ssize_t j = *i;
    if (j < len && (s[j] == 'e' || s[j] == 'E')) {
        j++;
        if (j < len && (s[j] == '-' || s[j] == '+')) {
            j++;
            if (j < len && DIGIT(s[j])) {
                while (j < len && DIGIT(s[j]))
                    j++;
                *i = j;
            }
        }
    }
}

static Py_ssize_t
skip_digits_(const char *s, Py_ssize_t len, Py_ssize_t i)
{
    while (i < len && (DIGIT(s[i]) || s[i] == '_'))
        i++;
    return i;
}

/* (?::[0-5]?[0-9])+ at s[i]: the index after it, or -1. */
static Py_ssize_t
skip_base60(const char *s, Py_ssize_t len, Py_ssize_t i)
{
    Py_ssize_t count = 0;
    while (i < len && s[i] == ':') {
        Py_ssize_t j = i + 1;
        if (j + 1 < len && s[j] >= '0' && s[j] <= '5' && DIGIT(s[j + 1]))
            j += 2;
        else if (j < len && DIGIT(s[j]))
            j += 1;
        else
            break;
        i = j;
        count++;
    }
    return count ? i : -1;
}

static int
match_float(const char *s, Py_ssize_t len)
{
    Py_ssize_t i;
    /* [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)? */
    i = (len && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (i < len && DIGIT(s[i])) {
        Py_ssize_t j = skip_digits_(s, len, i + 1);
        if (j < len && s[j] == '.') {
            j = skip_digits_(s, len, j + 1);
            skip_exponent(s, len, &j);
            if (j == len)
                return 1;
        }
        /* [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]* */
        j = skip_digits_(s, len, i + 1);
        j = skip_base60(s, len, j);
        if (j >= 0 && j < len && s[j] == '.') {
            j = skip_digits_(s, len, j + 1);
            if (j == len)
                return 1;
        }
    }
    /* \.[0-9][0-9_]*(?:[eE][-+][0-9]+)? */
    if (len >= 2 && s[0] == '.' && DIGIT(s[1])) {
        Py_ssize_t j = skip_digits_(s, len, 2);
        skip_exponent(s, len, &j);
        if (j == len)
            return 1;
    }
    /* [-+]?\.(?:inf|Inf|INF) */
    i = (len && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (len - i == 4 && s[i] == '.' &&
        (memcmp(s + i + 1, "inf", 3) == 0 || memcmp(s + i + 1, "Inf", 3) == 0 ||
         memcmp(s + i + 1, "INF", 3) == 0))
        return 1;
    /* \.(?:nan|NaN|NAN) */
    if (len == 4 && s[0] == '.' &&
        (memcmp(s + 1, "nan", 3) == 0 || memcmp(s + 1, "NaN", 3) == 0 ||
         memcmp(s + 1, "NAN", 3) == 0))
        return 1;
    return 0;
}

static int
match_int(const char *s, Py_ssize_t len)
{
    Py_ssize_t i = (len && (s[0] == '-' || s[0] == '+')) ? 1 : 0, j;
    if (i >= len)
        return 0;
    /* [-+]?0b[0-1_]+ */
    if (len - i >= 3 && s[i] == '0' && s[i + 1] == 'b') {
        for (j = i + 2; j < len && (s[j] == '0' || s[j] == '1' || s[j] == '_'); j++)
            ;
        if (j == len)
            return 1;
    }
    /* [-+]?0[0-7_]+ */
    if (len - i >= 2 && s[i] == '0') {
        for (j = i + 1; j < len && ((s[j] >= '0' && s[j] <= '7') || s[j] == '_'); j++)
            ;
        if (j == len)
            return 1;
    }
    /* [-+]?(?:0|[1-9][0-9_]*) */
    if (len - i == 1 && s[i] == '0')
        return 1;
    if (s[i] >= '1' && s[i] <= '9' && skip_digits_(s, len, i + 1) == len)
        return 1;
    /* [-+]?0x[0-9a-fA-F_]+ */
    if (len - i >= 3 && s[i] == '0' && s[i + 1] == 'x') {
        for (j = i + 2; j < len && (DIGIT(s[j]) || (s[j] >= 'a' && s[j] <= 'f') ||
                                    (s[j] >= 'A' && s[j] <= 'F') || s[j] == '_');
             j++)
            ;
        if (j == len)
            return 1;
    }
    /* [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+ */
    if (s[i] >= '1' && s[i] <= '9') {
        j = skip_base60(s, len, skip_digits_(s, len, i + 1));
        if (j == len)
            return 1;
    }
    return 0;
}

static int
match_timestamp(const char *s, Py_ssize_t len)
{
    Py_ssize_t i;
    /* [0-9]{4}-[0-9][0-9]-[0-9][0-9] */
    if (len == 10 && DIGIT(s[0]) && DIGIT(s[1]) && DIGIT(s[2]) && DIGIT(s[3]) &&
        s[4] == '-' && DIGIT(s[5]) && DIGIT(s[6]) && s[7] == '-' && DIGIT(s[8]) &&
        DIGIT(s[9]))
        return 1;
    /* [0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9]
       (?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))? */
    if (len < 5 || !(DIGIT(s[0]) && DIGIT(s[1]) && DIGIT(s[2]) && DIGIT(s[3]) && s[4] == '-'))
        return 0;
    i = 5;
#define ONE_OR_TWO_DIGITS                                                                   \
    do {                                                                                    \
        if (!(i < len && DIGIT(s[i])))                                                      \
            return 0;                                                                       \
        i++;                                                                                \
        if (i < len && DIGIT(s[i]))                                                         \
            i++;                                                                            \
    } while (0)
#define TWO_DIGITS                                                                          \
    do {                                                                                    \
        if (!(i + 1 < len && DIGIT(s[i]) && DIGIT(s[i + 1])))                               \
            return 0;                                                                       \
        i += 2;                                                                             \
    } while (0)
#define CHAR(c)                                                                             \
    do {                                                                                    \
        if (!(i < len && s[i] == (c)))                                                      \
            return 0;                                                                       \
        i++;                                                                                \
    } while (0)
    ONE_OR_TWO_DIGITS;
    CHAR('-');
    ONE_OR_TWO_DIGITS;
    if (i < len && (s[i] == 'T' || s[i] == 't'))
        i++;
    else if (i < len && (s[i] == ' ' || s[i] == '\t')) {
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
    }
    else
        return 0;
    ONE_OR_TWO_DIGITS;
    CHAR(':');
    TWO_DIGITS;
    CHAR(':');
    TWO_DIGITS;
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && DIGIT(s[i]))
            i++;
    }
    if (i == len)
        return 1;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < len && s[i] == 'Z')
        return i + 1 == len;
    if (i < len && (s[i] == '-' || s[i] == '+')) {
        i++;
        ONE_OR_TWO_DIGITS;
        if (i == len)
            return 1;
        CHAR(':');
        TWO_DIGITS;
        return i == len;
    }
    return 0;
#undef ONE_OR_TWO_DIGITS
#undef TWO_DIGITS
#undef CHAR
}

/* The resolved tag (a borrowed reference) of a plain scalar, or NULL when the Python
 * resolver must decide (text ending with a line break, or a first character no built-in
 * resolver lists). In PyYAML's order: the resolvers of the first character, in the order
 * they were added (bool, float, int, merge, null, timestamp, value). */
static PyObject *
resolve_c(const char *s, Py_ssize_t len)
{
    if (len && s[len - 1] == '\n')
        return NULL;
    char c = len ? s[0] : '\0';
    switch (c) {
    case '\0':
        return len ? tag_str : tag_null; /* "" is null; a NUL never reaches here */
    case 'y': case 'Y': case 't': case 'T': case 'f': case 'F': case 'o': case 'O':
        return match_bool(s, len) ? tag_bool : tag_str;
    case 'n': case 'N':
        if (match_bool(s, len))
            return tag_bool;
        if ((len == 4) && (memcmp(s, "null", 4) == 0 || memcmp(s, "Null", 4) == 0 ||
                           memcmp(s, "NULL", 4) == 0))
            return tag_null;
        return tag_str;
    case '~':
        return len == 1 ? tag_null : tag_str;
    case '<':
        return (len == 2 && s[1] == '<') ? tag_merge : tag_str;
    case '=':
        return len == 1 ? tag_value : tag_str;
    case '.':
        return match_float(s, len) ? tag_float : tag_str;
    case '-': case '+':
        if (match_float(s, len))
            return tag_float;
        return match_int(s, len) ? tag_int : tag_str;
    case '!': case '&': case '*':
        return NULL; /* PyYAML's documentation-only "yaml" resolver */
    default:
        if (DIGIT(c)) {
            if (match_float(s, len))
                return tag_float;
            if (match_int(s, len))
                return tag_int;
            return match_timestamp(s, len) ? tag_timestamp : tag_str;
        }
        return tag_str;
    }
}

/* The value of a plain scalar resolved to `tag` (a new reference). */
static PyObject *
plain_scalar_value(PyObject *tag, PyObject *text, const char *s, Py_ssize_t len)
{
    if (tag == tag_str || tag == tag_timestamp || tag == tag_merge || tag == tag_value) {
        Py_INCREF(text);
        return text;
    }
    if (tag == tag_null)
        Py_RETURN_NONE;
    if (tag == tag_bool) {
        /* yes/true/on in any of the three spellings are true; no/false/off false */
        char c = s[0] | 0x20;
        if (c == 'y' || c == 't' || (c == 'o' && len == 2 && (s[1] | 0x20) == 'n'))
            Py_RETURN_TRUE;
        Py_RETURN_FALSE;
    }
    if (tag == tag_int) {
        /* A plain decimal (no "_", no leading zero) is int(text), as PyYAML's constructor
         * computes it; a text Python will not convert (too many digits) stays text. */
        Py_ssize_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
        int simple = i < len && (s[i] != '0' || len - i == 1);
        for (Py_ssize_t j = i; simple && j < len; j++)
            simple = DIGIT(s[j]);
        if (simple && len < 64) {
            char buffer[64];
            memcpy(buffer, s, len);
            buffer[len] = '\0';
            PyObject *value = PyLong_FromString(buffer, NULL, 10);
            if (value == NULL && PyErr_ExceptionMatches(PyExc_ValueError)) {
                PyErr_Clear();
                Py_INCREF(text);
                return text;
            }
            return value;
        }
    }
    return PyObject_CallFunctionObjArgs(plain_value, tag, text, NULL);
}

/* Whether a plain scalar's YAML 1.1 reading (`tag`) may differ from its YAML 1.2 one,
 * so that yamltree._ambiguity must look; 0 only when it certainly does not. */
static int
may_be_ambiguous(PyObject *tag, const char *s, Py_ssize_t len)
{
    if (tag == tag_null || tag == tag_timestamp || tag == tag_merge || tag == tag_value)
        return 0; /* null: null in YAML 1.2 too; the others are text, not checked */
    if (tag == tag_bool)
        return !((len == 4 && (memcmp(s, "true", 4) == 0 || memcmp(s, "True", 4) == 0 ||
                               memcmp(s, "TRUE", 4) == 0)) ||
                 (len == 5 && (memcmp(s, "false", 5) == 0 || memcmp(s, "False", 5) == 0 ||
                               memcmp(s, "FALSE", 5) == 0)));
    if (tag == tag_int) {
        Py_ssize_t i = (len && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
        if (i < len && (s[i] != '0' || len - i == 1)) {
            Py_ssize_t j = i;
            while (j < len && DIGIT(s[j]))
                j++;
            if (j == len)
                return 0;
        }
        return 1;
    }
    if (tag == tag_str) {
        /* Only texts of [0-9A-Za-z.+~-] can be a YAML 1.2 bool, null, int or float, or
         * the YAML 1.1 boolean y/n; anything else reads as text in both. */
        if (len == 0)
            return 1;
        char c = s[0];
        if (!(DIGIT(c) || strchr("tTfFnNyY~.+-", c)))
            return 0;
        for (Py_ssize_t j = 0; j < len; j++) {
            char d = s[j];
            if (!(DIGIT(d) || (d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') || d == '.' ||
                  d == '+' || d == '~' || d == '-'))
                return 0;
        }
        return 1;
    }
    return 1; /* float */
}

/* ------------------------------------------------------------------ the builder */

typedef struct {
    PyObject *container; /* dict or list (owned) */
    PyObject *path;      /* tuple (owned) */
    Py_ssize_t n;        /* its node in the marks table */
    int is_mapping;
    int is_flow;
    PyObject *key; /* the pending key (owned) or NULL */
    yaml_mark_t key_start, key_end;
} Frame;

typedef struct {
    yaml_parser_t parser;
    MarksObject *marks;
    PyObject *nodes;
    PyObject *ambiguities;
    Frame stack[MAX_DEPTH];
    int depth;
    PyObject *text;        /* the YAML text (borrowed) */
    int flow_depth;        /* open flow collections */
    size_t flow_start;     /* where the outermost open flow collection starts (chars) */
} Builder;

/* Record the value at `path` (a borrowed reference): a NodeInfo in b->nodes whose spans come
 * from a new marks entry (its key's marks when has_key, its start mark; the caller sets the
 * end mark once it is known). The entry's number, or -1 with an exception set. */
static Py_ssize_t
record_node(Builder *b, PyObject *path, PyObject *style, PyObject *tag, int has_key,
            yaml_mark_t key_start, yaml_mark_t key_end, yaml_mark_t start)
{
    Py_ssize_t n = Marks_append(b->marks);
    PyObject *node = n < 0 ? NULL : new_node(b->marks, n, style, tag);
    if (node == NULL || PyDict_SetItem(b->nodes, path, node) < 0) {
        Py_XDECREF(node);
        return -1;
    }
    Py_DECREF(node);
    NodeMarks *item = &b->marks->items[n];
    item->has_key = has_key;
    item->key_start = key_start;
    item->key_end = key_end;
    item->start = start;
    return n;
}

enum { BUILD_OK = 0, BUILD_FALLBACK = 1, BUILD_ERROR = -1 };

/* (*parent, item) as a new tuple. */
static PyObject *
child_path(PyObject *parent, PyObject *item)
{
    Py_ssize_t size = PyTuple_GET_SIZE(parent);
    PyObject *path = PyTuple_New(size + 1);
    if (path == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < size; i++) {
        PyObject *part = PyTuple_GET_ITEM(parent, i);
        Py_INCREF(part);
        PyTuple_SET_ITEM(path, i, part);
    }
    Py_INCREF(item);
    PyTuple_SET_ITEM(path, size, item);
    return path;
}

static PyObject *
scalar_style(yaml_scalar_style_t style)
{
    switch (style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return style_single;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return style_double;
    case YAML_LITERAL_SCALAR_STYLE: return style_literal;
    case YAML_FOLDED_SCALAR_STYLE: return style_folded;
    default: return Py_None; /* plain (and "any") */
    }
}

/* Add a value to the innermost open collection (or make it the root); steals `value`. */
static int
attach(Builder *b, PyObject *value, PyObject **root)
{
    if (b->depth == 0) {
        *root = value;
        return 0;
    }
    Frame *frame = &b->stack[b->depth - 1];
    int status;
    if (frame->is_mapping) {
        status = PyDict_SetItem(frame->container, frame->key, value);
        Py_CLEAR(frame->key);
    }
    else
        status = PyList_Append(frame->container, value);
    Py_DECREF(value);
    return status;
}

static void
clear_stack(Builder *b)
{
    while (b->depth > 0) {
        Frame *frame = &b->stack[--b->depth];
        Py_CLEAR(frame->container);
        Py_CLEAR(frame->path);
        Py_CLEAR(frame->key);
    }
}

/* The next event into *event; BUILD_FALLBACK on a parse error. */
static int
next_event(Builder *b, yaml_event_t *event)
{
    if (!yaml_parser_parse(&b->parser, event))
        return BUILD_FALLBACK;
    return BUILD_OK;
}

static int
build_document(Builder *b, PyObject **root)
{
    yaml_event_t event;
    int status;

    if ((status = next_event(b, &event)) != BUILD_OK) /* stream start */
        return status;
    yaml_event_delete(&event);
    if ((status = next_event(b, &event)) != BUILD_OK)
        return status;
    if (event.type != YAML_DOCUMENT_START_EVENT) {
        yaml_event_delete(&event);
        return BUILD_OK; /* an empty stream: no document at all */
    }
    if (event.data.document_start.version_directive != NULL ||
        event.data.document_start.tag_directives.start !=
            event.data.document_start.tag_directives.end) {
        yaml_event_delete(&event);
        return BUILD_FALLBACK;
    }
    yaml_event_delete(&event);

    for (;;) {
        if ((status = next_event(b, &event)) != BUILD_OK)
            return status;
        Frame *frame = b->depth ? &b->stack[b->depth - 1] : NULL;
        PyObject *path = NULL;
        int has_key = 0;
        yaml_mark_t key_start = {0, 0, 0}, key_end = {0, 0, 0};

        if (frame && frame->is_mapping && frame->key == NULL) {
            /* expecting a key, or the end of the mapping */
            if (event.type == YAML_SCALAR_EVENT) {
                if (event.data.scalar.anchor || event.data.scalar.tag)
                    goto fallback;
                PyObject *key = PyUnicode_DecodeUTF8((const char *)event.data.scalar.value,
                                                     event.data.scalar.length, "strict");
                if (key == NULL)
                    goto error;
                int present = PyDict_Contains(frame->container, key);
                if (present != 0) { /* a duplicate key (or an error) */
                    Py_DECREF(key);
                    if (present < 0)
                        goto error;
                    goto fallback;
                }
                frame->key = key;
                frame->key_start = event.start_mark;
                frame->key_end = event.end_mark;
                yaml_event_delete(&event);
                continue;
            }
            if (event.type != YAML_MAPPING_END_EVENT)
                goto fallback; /* a complex key or an alias */
            goto close;
        }
        if (frame && !frame->is_mapping && event.type == YAML_SEQUENCE_END_EVENT)
            goto close;

        if (frame == NULL) {
            path = PyTuple_New(0);
        }
        else if (frame->is_mapping) {
            path = child_path(frame->path, frame->key);
            has_key = 1;
            key_start = frame->key_start;
            key_end = frame->key_end;
        }
        else {
            PyObject *index = PyLong_FromSsize_t(PyList_GET_SIZE(frame->container));
            if (index == NULL)
                goto error;
            path = child_path(frame->path, index);
            Py_DECREF(index);
        }
        if (path == NULL)
            goto error;

        if (event.type == YAML_SCALAR_EVENT) {
            if (event.data.scalar.anchor || event.data.scalar.tag) {
                Py_DECREF(path);
                goto fallback;
            }
            const char *s = (const char *)event.data.scalar.value;
            Py_ssize_t len = event.data.scalar.length;
            int plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
            PyObject *style = scalar_style(event.data.scalar.style);
            PyObject *text = PyUnicode_DecodeUTF8(s, len, "strict");
            if (text == NULL) {
                Py_DECREF(path);
                goto error;
            }
            PyObject *tag = tag_str; /* borrowed */
            PyObject *owned_tag = NULL;
            if (plain) {
                tag = resolve_c(s, len);
                if (tag == NULL) {
                    owned_tag = PyObject_CallFunctionObjArgs(resolve_plain, text, NULL);
                    if (owned_tag == NULL) {
                        Py_DECREF(text);
                        Py_DECREF(path);
                        goto error;
                    }
                    tag = owned_tag;
                }
            }
            Py_ssize_t n =
                record_node(b, path, style, tag, has_key, key_start, key_end, event.start_mark);
            if (n < 0) {
                Py_XDECREF(owned_tag);
                Py_DECREF(text);
                Py_DECREF(path);
                goto error;
            }
            b->marks->items[n].end = event.end_mark;
            if (plain && may_be_ambiguous(tag, s, len)) {
                PyObject *number = PyLong_FromSsize_t(n);
                PyObject *noted =
                    number == NULL
                        ? NULL
                        : PyObject_CallFunctionObjArgs(note_ambiguity, b->ambiguities, path,
                                                       (PyObject *)b->marks, number, text,
                                                       tag, NULL);
                Py_XDECREF(number);
                if (noted == NULL) {
                    Py_XDECREF(owned_tag);
                    Py_DECREF(text);
                    Py_DECREF(path);
                    goto error;
                }
                Py_DECREF(noted);
            }
            PyObject *value = plain ? plain_scalar_value(tag, text, s, len) : text;
            if (plain)
                Py_DECREF(text);
            Py_XDECREF(owned_tag);
            Py_DECREF(path);
            if (value == NULL)
                goto error;
            int root_done = frame == NULL;
            if (attach(b, value, root) < 0)
                goto error;
            yaml_event_delete(&event);
            if (root_done)
                break;
            continue;
        }
        if (event.type == YAML_MAPPING_START_EVENT || event.type == YAML_SEQUENCE_START_EVENT) {
            int is_mapping = event.type == YAML_MAPPING_START_EVENT;
            yaml_char_t *anchor = is_mapping ? event.data.mapping_start.anchor
                                             : event.data.sequence_start.anchor;
            yaml_char_t *tag = is_mapping ? event.data.mapping_start.tag
                                          : event.data.sequence_start.tag;
            int is_flow = is_mapping
                              ? event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                              : event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
            if (anchor || tag || b->depth >= MAX_DEPTH) {
                Py_DECREF(path);
                goto fallback;
            }
            PyObject *container = is_mapping ? PyDict_New() : PyList_New(0);
            Py_ssize_t n = container == NULL
                               ? -1
                               : record_node(b, path, Py_None, is_mapping ? tag_map : tag_seq,
                                             has_key, key_start, key_end, event.start_mark);
            if (n < 0) {
                Py_XDECREF(container);
                Py_DECREF(path);
                goto error;
            }
            Py_INCREF(container);
            if (attach(b, container, root) < 0) {
                Py_DECREF(container);
                Py_DECREF(path);
                goto error;
            }
            Frame *opened = &b->stack[b->depth++];
            opened->container = container;
            opened->path = path;
            opened->n = n;
            opened->is_mapping = is_mapping;
            opened->is_flow = is_flow;
            opened->key = NULL;
            if (is_flow && b->flow_depth++ == 0)
                b->flow_start = event.start_mark.index;
            yaml_event_delete(&event);
            continue;
        }
        Py_DECREF(path);
        goto fallback; /* an alias */

    close:
        /* close the innermost collection; its parent mapping then expects a key again */
        b->marks->items[frame->n].end = event.end_mark;
        if (frame->is_flow && --b->flow_depth == 0) {
            /* libyaml 0.2.5 (Debian 12's, which this module may be built against) accepts
             * `[?]]`, which the libyaml in PyYAML's wheels (the reference loader's)
             * rejects: a flow collection with a `?` in it goes to the reference loader. */
            Py_ssize_t found = PyUnicode_FindChar(b->text, '?', (Py_ssize_t)b->flow_start,
                                                  (Py_ssize_t)event.end_mark.index, 1);
            if (found == -2)
                goto error;
            if (found >= 0)
                goto fallback;
        }
        b->depth--;
        Py_CLEAR(frame->container);
        Py_CLEAR(frame->path);
        Py_CLEAR(frame->key);
        yaml_event_delete(&event);
        if (b->depth == 0)
            break;
        continue;

    fallback:
        yaml_event_delete(&event);
        return BUILD_FALLBACK;
    error:
        yaml_event_delete(&event);
        return BUILD_ERROR;
    }

    /* one document, then the end of the stream; anything else: the reference loader */
    if ((status = next_event(b, &event)) != BUILD_OK)
        return status;
    int type = event.type;
    yaml_event_delete(&event);
    if (type != YAML_DOCUMENT_END_EVENT)
        return BUILD_FALLBACK;
    if ((status = next_event(b, &event)) != BUILD_OK)
        return status;
    type = event.type;
    yaml_event_delete(&event);
    return type == YAML_STREAM_END_EVENT ? BUILD_OK : BUILD_FALLBACK;
}

static PyObject *
build(PyObject *module, PyObject *args)
{
    PyObject *text, *origin;
    if (!PyArg_ParseTuple(args, "UO:build", &text, &origin))
        return NULL;
    if (node_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_yamlc.configure() was not called");
        return NULL;
    }
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(text, &size);
    if (utf8 == NULL)
        return NULL;

    Builder b;
    b.depth = 0;
    b.text = text;
    b.flow_depth = 0;
    b.flow_start = 0;
    b.marks = (MarksObject *)PyObject_CallFunctionObjArgs((PyObject *)&MarksType, origin, NULL);
    b.nodes = PyDict_New();
    b.ambiguities = PyList_New(0);
    if (b.marks == NULL || b.nodes == NULL || b.ambiguities == NULL) {
        Py_XDECREF(b.marks);
        Py_XDECREF(b.nodes);
        Py_XDECREF(b.ambiguities);
        return NULL;
    }
    if (!yaml_parser_initialize(&b.parser)) {
        Py_DECREF(b.marks);
        Py_DECREF(b.nodes);
        Py_DECREF(b.ambiguities);
        return PyErr_NoMemory();
    }
    /* As PyYAML's CParser gives libyaml a str: its UTF-8, the encoding detected. */
    yaml_parser_set_input_string(&b.parser, (const unsigned char *)utf8, (size_t)size);

    PyObject *root = NULL;
    int status = build_document(&b, &root);
    clear_stack(&b);
    yaml_parser_delete(&b.parser);
    if (status != BUILD_OK) {
        Py_XDECREF(root);
        Py_DECREF(b.marks);
        Py_DECREF(b.nodes);
        Py_DECREF(b.ambiguities);
        if (status == BUILD_FALLBACK && !PyErr_Occurred())
            Py_RETURN_NONE;
        return NULL;
    }
    if (root == NULL) {
        Py_INCREF(Py_None);
        root = Py_None;
    }
    PyObject *result = PyTuple_Pack(3, root, b.nodes, b.ambiguities);
    Py_DECREF(root);
    Py_DECREF(b.marks);
    Py_DECREF(b.nodes);
    Py_DECREF(b.ambiguities);
    return result;
}

static PyObject *
resolve(PyObject *module, PyObject *text)
{
    /* The tag suffix C gives a plain scalar's text, or None where Python decides. */
    Py_ssize_t len;
    const char *s = PyUnicode_AsUTF8AndSize(text, &len);
    if (s == NULL)
        return NULL;
    PyObject *tag = resolve_c(s, len);
    if (tag == NULL)
        Py_RETURN_NONE;
    Py_INCREF(tag);
    return tag;
}

static PyObject *
libyaml_version(PyObject *module, PyObject *unused)
{
    int major, minor, patch;
    yaml_get_version(&major, &minor, &patch);
    return Py_BuildValue("(iii)", major, minor, patch);
}

static PyMethodDef module_methods[] = {
    {"configure", configure, METH_VARARGS,
     "configure(NodeInfo, plain_value, resolve_plain, note_ambiguity): set the classes "
     "and helpers the builder uses (yamltree does, once)."},
    {"build", build, METH_VARARGS,
     "build(text, origin) -> (data, nodes, ambiguities), or None for the reference loader."},
    {"resolve", resolve, METH_O,
     "resolve(text) -> the tag suffix of a plain scalar, or None where Python resolves."},
    {"libyaml_version", libyaml_version, METH_NOARGS,
     "The (major, minor, patch) of the libyaml this module runs on."},
    {NULL}};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "_yamlc",
    "The compiled loading path: libyaml's C events straight into articlelint's tree.", -1,
    module_methods};

static PyObject *
intern(const char *s)
{
    return PyUnicode_InternFromString(s);
}

PyMODINIT_FUNC
PyInit__yamlc(void)
{
    if (PyType_Ready(&MarksType) < 0)
        return NULL;
    PyObject *module = PyModule_Create(&module_def);
    if (module == NULL)
        return NULL;
    str_span_of = intern("span_of");
    tag_str = intern("str");
    tag_int = intern("int");
    tag_float = intern("float");
    tag_bool = intern("bool");
    tag_null = intern("null");
    tag_timestamp = intern("timestamp");
    tag_merge = intern("merge");
    tag_value = intern("value");
    tag_map = intern("map");
    tag_seq = intern("seq");
    style_single = intern("'");
    style_double = intern("\"");
    style_literal = intern("|");
    style_folded = intern(">");
    if (!str_span_of || !tag_str || !tag_int || !tag_float || !tag_bool || !tag_null ||
        !tag_timestamp || !tag_merge || !tag_value || !tag_map || !tag_seq || !style_single ||
        !style_double || !style_literal || !style_folded) {
        Py_DECREF(module);
        return NULL;
    }
#ifndef ARTICLELINT_SOURCE_CRC
#define ARTICLELINT_SOURCE_CRC -1
#endif
    /* The CRC-32 of this file as built (setup.py defines it): the loader compares it with
       the source beside the module, so a checkout whose C source changed after the build
       runs the pure-Python path until it is rebuilt, never a stale module. */
    if (PyModule_AddIntConstant(module, "SOURCE_CRC", (long)ARTICLELINT_SOURCE_CRC) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    Py_INCREF(&MarksType);
    if (PyModule_AddObject(module, "Marks", (PyObject *)&MarksType) < 0) {
        Py_DECREF(&MarksType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
