/* procbench's exec target: a small static program that exits at once. */
int main(void)
{
	return 0;
}
