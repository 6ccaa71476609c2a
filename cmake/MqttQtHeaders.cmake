# mqttqt_public_headers(<target> EXPORT_HEADER <name> HEADERS <h>... CAMELCASE <Name:h>...)
#
# Gives a MqttQt library the one header layout users see, in the build tree and installed:
# <MqttQt/mqttfoo.h> and the CamelCase <MqttQt/MqttFoo>, and nothing bare. In the build
# tree, ${CMAKE_CURRENT_BINARY_DIR}/include/MqttQt holds forwarding headers to the sources
# and the generated export header; it is the target's only public include directory.
# Sets MQTTQT_INCLUDE_DIR in the caller's scope and installs the headers.
function(mqttqt_public_headers target)
    cmake_parse_arguments(H "" "EXPORT_HEADER;BASE_NAME;MODULE_HEADER" "HEADERS;CAMELCASE;EXTRA_INSTALL" ${ARGN})
    set(include_dir ${CMAKE_CURRENT_BINARY_DIR}/include)
    generate_export_header(${target}
        BASE_NAME ${H_BASE_NAME}
        EXPORT_FILE_NAME ${include_dir}/MqttQt/${H_EXPORT_HEADER})
    set(installed ${include_dir}/MqttQt/${H_EXPORT_HEADER} ${H_EXTRA_INSTALL})
    foreach(header ${H_HEADERS})
        file(GENERATE OUTPUT ${include_dir}/MqttQt/${header}
            CONTENT "#include \"${CMAKE_CURRENT_SOURCE_DIR}/${header}\"\n")
        list(APPEND installed ${CMAKE_CURRENT_SOURCE_DIR}/${header})
    endforeach()
    set(module "// The whole ${H_MODULE_HEADER} API.\n")
    foreach(entry ${H_CAMELCASE})
        string(REPLACE ":" ";" pair ${entry})
        list(GET pair 0 name)
        list(GET pair 1 header)
        file(GENERATE OUTPUT ${include_dir}/MqttQt/${name} CONTENT "#include \"${header}\"\n")
        list(APPEND installed ${include_dir}/MqttQt/${name})
    endforeach()
    foreach(header ${H_HEADERS})
        string(APPEND module "#include \"${header}\"\n")
    endforeach()
    if(H_MODULE_HEADER)
        file(GENERATE OUTPUT ${include_dir}/MqttQt/${H_MODULE_HEADER} CONTENT "${module}")
        list(APPEND installed ${include_dir}/MqttQt/${H_MODULE_HEADER})
    endif()
    install(FILES ${installed} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/MqttQt)
    set(MQTTQT_INCLUDE_DIR ${include_dir} PARENT_SCOPE)
endfunction()
