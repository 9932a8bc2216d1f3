/* Shared by utest's test files (tests/guest/utest/). */
#ifndef UTEST_H
#define UTEST_H

#include <stdbool.h>

#include <pith/spawn.h>
#include <pith/syscall.h>
#include <stdio.h>

#include "../check.h"

#define CON ROOT_SLOT_CONSOLE
#define POOL ROOT_SLOT_POOL
#define WINDOW 0x20000000ull   /* free range of our address space (16 MiB) */

extern const struct pith_bootinfo *bi;

slot_t new_slot(void);
const void *image_file(const char *name, size_t *size);
/* pith_spawn a program of the boot image with our pool and window. */
long spawn_program(const char *name, struct spawn *s);
/* Liveness from SYS_TASK_INFO, without side effects on the task. */
uint64_t task_state(slot_t task);
bool task_dead(slot_t task);
/* Yield until the task is dead (bounded: a live task fails the check). */
bool wait_dead(slot_t task);
bool answer_exits(slot_t ep, uint64_t n);

/* clone.c: the worker (worker.c) with its report capability (badge
 * REPORTS) on ep and, with handler, its faults on ep (badge FAULT_PARENT). */
#define FAULT_PARENT 0xfa
#define FAULT_CHILD 0xfb
#define REPORTS 0x5e
long start_worker(struct spawn *s, slot_t ep, bool handler, uint64_t arg);
void drop_worker(struct spawn *s);

/* clone.c: thread stacks (n picks one of a row of slots: one per test),
 * waiting for a task's death. */
uint64_t new_stack(slot_t frame, unsigned n);
void drop_stack(slot_t frame, unsigned n);
bool wait_dead(slot_t task);

/* clone.c */
bool test_clone_vm_shares_memory(void);
bool test_clone_settls(void);
bool test_clone_caps_share_versus_copy(void);
bool test_cow_one_page(void);
bool test_cow_1000_pages(void);
bool test_fault_illegal(void);
bool test_fault_bad_access(void);
bool test_fault_breakpoint(void);
bool test_fault_divide(void);
bool test_fault_no_handler(void);
bool test_kill_blocked_in_ipc(void);
bool test_kill_blocked_in_fault(void);
bool test_suspend_resume_regs(void);
bool test_suspended_task_stays_parked(void);

/* pool.c */
bool test_pool_reclaims_cycles(void);
bool test_pool_reclaims_tasks(void);
bool test_pool_kills_running_tasks(void);
bool test_pool_destroy_unmaps_frames(void);
bool test_pool_nested_destroyed(void);
bool test_pool_task_destroys_its_own(void);
bool test_unmap_frees_page_tables(void);
bool test_cspace_sizes(void);
/* fp.c */
bool test_fp_registers_kept_across_switches(void);
bool test_fp_clone_copies_registers(void);
bool test_fp_arithmetic_and_printf(void);
/* syspath.c */
bool test_lean_call_switch_keeps_registers(void);
bool test_ipc_paths_keep_registers(void);

/* vm.c */
bool test_map_info_protect(void);
bool test_protect_cow_upgrade(void);
bool test_page_copy(void);
bool test_map_replace(void);
bool test_map_page_range(void);
bool test_map_zero(void);
bool test_vm_copy(void);

/* libc.c */
bool test_libc_malloc_root_heap(void);
bool test_libc_setjmp_longjmp(void);
bool test_libc_printf_scanf_strtod(void);
bool test_libc_errno_from_stubs(void);
bool test_libc_posix_process_start(void);

/* time.c */
bool test_time_clock_monotonic(void);
bool test_time_idle_accounting(void);
bool test_time_timer_precision(void);
bool test_time_timer_cancel_and_past(void);
bool test_time_bad_arguments(void);
bool test_time_cpu_alarm(void);

/* bind.c */
bool test_bind_pending_bits(void);
bool test_bind_signal_wakes_recv(void);
bool test_bind_wakes_reply_recv(void);
bool test_bind_errors_and_unbind(void);

/* inherit.c */
bool test_clone_pager(void);
bool test_clone_sched(void);
bool test_exit_reaches_pager_and_cspace_dst(void);

#endif
