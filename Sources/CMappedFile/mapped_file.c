#define _GNU_SOURCE
#include "mapped_file.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { slot_count = 64 };

struct guarded {
    _Atomic uintptr_t start; // 0 when the slot is free
    _Atomic size_t length;
    _Atomic int faulted;
};

static struct guarded slots[slot_count];
static struct sigaction previous;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static int installed;
static long page_size; // read once at install: sysconf is not async-signal-safe

static void on_sigbus(int signal, siginfo_t *info, void *context) {
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int i = 0; i < slot_count; i++) {
        uintptr_t start = atomic_load(&slots[i].start);
        size_t length = atomic_load(&slots[i].length);
        if (start != 0 && address >= start && address - start < length) {
            uintptr_t page = address & ~((uintptr_t)page_size - 1);
            void *zero = mmap((void *)page, (size_t)page_size, PROT_READ,
                              MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (zero != MAP_FAILED) {
                atomic_store(&slots[i].faulted, 1);
                return; // the read is retried and finds zeros
            }
            break;
        }
    }
    // Not ours (or the zero page could not be placed): what was there before decides.
    if ((previous.sa_flags & SA_SIGINFO) && previous.sa_sigaction != NULL) {
        previous.sa_sigaction(signal, info, context);
        return;
    }
    if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN && previous.sa_handler != NULL) {
        previous.sa_handler(signal);
        return;
    }
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(SIGBUS, &fallback, NULL); // the faulting read runs again and ends the process
}

static void install(void) {
    page_size = sysconf(_SC_PAGESIZE);
    if (page_size <= 0) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    installed = sigaction(SIGBUS, &action, &previous) == 0;
}

long ukp_page_size(void) { return sysconf(_SC_PAGESIZE); }

const void *ukp_map(int fd, long long offset, size_t length) {
    pthread_once(&install_once, install);
    if (!installed || length == 0) {
        errno = installed ? EINVAL : ENOTSUP;
        return NULL;
    }
    void *address = mmap(NULL, length, PROT_READ, MAP_PRIVATE, fd, (off_t)offset);
    if (address == MAP_FAILED) return NULL;
    for (int i = 0; i < slot_count; i++) {
        uintptr_t expected = 0;
        // Claim with a placeholder so the handler never sees a start with a stale length.
        if (atomic_compare_exchange_strong(&slots[i].start, &expected, (uintptr_t)1)) {
            atomic_store(&slots[i].faulted, 0);
            atomic_store(&slots[i].length, length);
            atomic_store(&slots[i].start, (uintptr_t)address);
            madvise(address, length, MADV_SEQUENTIAL);
            return address;
        }
    }
    munmap(address, length);
    errno = EMFILE;
    return NULL;
}

static struct guarded *find(const void *address) {
    for (int i = 0; i < slot_count; i++) {
        if (atomic_load(&slots[i].start) == (uintptr_t)address) return &slots[i];
    }
    return NULL;
}

int ukp_mapping_faulted(const void *address) {
    struct guarded *slot = find(address);
    return slot != NULL && atomic_load(&slot->faulted);
}

int ukp_unmap(const void *address, size_t length) {
    struct guarded *slot = find(address);
    int faulted = 0;
    if (slot != NULL) {
        faulted = atomic_load(&slot->faulted);
        atomic_store(&slot->start, 0);
        atomic_store(&slot->length, 0);
    }
    munmap((void *)address, length);
    return faulted;
}
