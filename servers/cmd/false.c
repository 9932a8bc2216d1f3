/* false: exit with status 1, whatever the arguments (POSIX). */
int main(void)
{
	return 1;
}
