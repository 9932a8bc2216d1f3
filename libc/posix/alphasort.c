/* alphasort (<dirent.h>): scandir's comparison by name, in collation
 * order (bytes, in the C locale). */
#include <dirent.h>
#include <string.h>

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcoll((*a)->d_name, (*b)->d_name);
}
