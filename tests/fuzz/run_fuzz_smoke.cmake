# cmake -DFUZZER=... [-DCORPUS_GEN=...] -DDICTIONARY=... -DWORK_DIR=... -DSECONDS=... -P run_fuzz_smoke.cmake
# Generates the seed corpus (when a generator is given) into a fresh directory and fuzzes
# for SECONDS seconds. New inputs go to WORK_DIR/corpus; a crashing input is kept as
# WORK_DIR/crash-* etc.

foreach(var FUZZER DICTIONARY WORK_DIR SECONDS)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "run_fuzz_smoke.cmake: ${var} is not set")
    endif()
endforeach()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/seeds ${WORK_DIR}/corpus)

if(CORPUS_GEN)
    execute_process(COMMAND ${CORPUS_GEN} ${WORK_DIR}/seeds RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "corpus generator failed: ${rc}")
    endif()
endif()

execute_process(
    COMMAND ${FUZZER}
        -max_total_time=${SECONDS} -rss_limit_mb=2048 -timeout=10
        -dict=${DICTIONARY}
        -artifact_prefix=${WORK_DIR}/
        -print_final_stats=1
        ${WORK_DIR}/corpus ${WORK_DIR}/seeds
    RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${FUZZER} failed (${rc}); the input is in ${WORK_DIR}/")
endif()
