/* Writes through a null pointer: its parent must see SIGSEGV. */
int main(void)
{
	*(volatile int *)0 = 1;
	return 0;
}
