/* cli/main.c — the vigil command (placeholder while the library lands). */
#include "vigil.h"

#include <stdio.h>

int main(void)
{
    printf("vigil %s\n", VIGIL_VERSION);
    return 0;
}
