/* linked-empty.c — bench tool: a program that does nothing, linked
 * (without --as-needed) against the same libraries as gereport, so that
 * make bench can print what every run pays before main: exec, the dynamic
 * loader mapping and relocating the Debian libraries (ICU with libstdc++,
 * libxml2, HarfBuzz with GLib and FreeType, fontconfig with expat,
 * libharu, libpng, libdeflate) and their constructors. */
int main(void)
{
    return 0;
}
