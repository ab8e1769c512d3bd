/* linked-empty.c — bench tool: a program that does nothing, linked
 * (without --as-needed) against the same libraries as gereport, so that
 * make bench can print what every run pays before main: exec, the dynamic
 * loader mapping and relocating the Debian libraries (ICU with libstdc++,
 * libxml2, HarfBuzz with GLib and FreeType, fontconfig with expat,
 * libharu, libpng, libdeflate) and their constructors.
 *   linked-empty              nothing more
 *   linked-empty fontconfig   also the system's fontconfig configuration
 *                             and font list (FcInitLoadConfigAndFonts:
 *                             gereport does the same less one step, the
 *                             template folder's descriptions; text/font.c)
 * Exit 1 if fontconfig cannot be initialised. */
#include <fontconfig/fontconfig.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "fontconfig") == 0) {
        FcConfig *c = FcInitLoadConfigAndFonts();
        if (!c) return 1;
        FcConfigDestroy(c);
    }
    return 0;
}
